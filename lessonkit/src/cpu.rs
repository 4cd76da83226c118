//! This process's CPU time, how busy the machine was and what machine it
//! is, from Linux's `/proc`; `None` on other systems.

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

/// The first `model name` of a `/proc/cpuinfo` text.
pub fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_string())
    })
}

/// `MemTotal` of a `/proc/meminfo` text, in GiB.
pub fn mem_total_gib(meminfo: &str) -> Option<f64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cpu_model_and_memory() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        let meminfo = "MemTotal:       25165824 kB\nMemFree:  1 kB\n";
        assert_eq!(mem_total_gib(meminfo), Some(24.0));
    }

    /// The command name may hold `) `: fields count after the last `)`.
    #[test]
    fn cpu_ticks_are_counted_after_the_name() {
        let stat = "42 (a) b) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1";
        assert_eq!(cpu_ticks(stat), Some(300));
        assert_eq!(cpu_ticks("42 (x) S 1"), None);
    }
}
