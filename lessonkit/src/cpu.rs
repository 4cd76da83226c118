//! This process's CPU time and how busy the machine was, from Linux's
//! `/proc`; `None` on other systems.

use std::time::Duration;

/// The CPU time this process has used so far, all threads together, from
/// `/proc/self/stat` (fields 14 and 15, `utime` and `stime`, in clock ticks
/// of 1/100 s: `USER_HZ`, 100 on Linux), so good to about 10 ms.
pub fn cpu_time() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        cpu_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 10))
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// `utime + stime` of a `/proc/PID/stat` line. The command name, in
/// brackets, may hold spaces and brackets: fields are counted after its
/// last `)`.
fn cpu_ticks(stat: &str) -> Option<u64> {
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some(ticks(11)? + ticks(12)?)
}

/// The machine's load average over the last minute (`/proc/loadavg`): a
/// hint of how much else ran during a measurement.
pub fn load_average() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let text = std::fs::read_to_string("/proc/loadavg").ok()?;
        text.split_whitespace().next()?.parse().ok()
    }
    #[cfg(not(target_os = "linux"))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command name may hold `) `: fields count after the last `)`.
    #[test]
    fn cpu_ticks_are_counted_after_the_name() {
        let stat = "42 (a) b) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1";
        assert_eq!(cpu_ticks(stat), Some(300));
        assert_eq!(cpu_ticks("42 (x) S 1"), None);
    }
}
