//! This process's memory, in KiB, as Linux's `/proc/self/status` gives it;
//! `None` on other systems, or if the file cannot be read.

/// Resident memory now (`VmRSS`), KiB.
pub fn rss_kib() -> Option<u64> {
    status_kib("VmRSS")
}

/// The most resident memory the process has had (`VmHWM`, the
/// high-water mark), KiB.
pub fn peak_kib() -> Option<u64> {
    status_kib("VmHWM")
}

/// Address space reserved now (`VmSize`), KiB.
pub fn virtual_kib() -> Option<u64> {
    status_kib("VmSize")
}

#[cfg(target_os = "linux")]
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_kib(&status, field)
}

/// Other systems have no `/proc`: the figure is unknown, not guessed.
#[cfg(not(target_os = "linux"))]
fn status_kib(_field: &str) -> Option<u64> {
    None
}

/// Field `field` of a `/proc/PID/status` text (`VmHWM:    6788 kB`).
fn parse_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields_parse_in_kib() {
        let status = "Name:\tx\nVmHWM:\t    6788 kB\nVmRSS:\t    2644 kB\n";
        assert_eq!(parse_kib(status, "VmHWM"), Some(6788));
        assert_eq!(parse_kib(status, "VmRSS"), Some(2644));
        assert_eq!(parse_kib(status, "VmSize"), None);
        // A field whose name another begins with is not taken for it.
        assert_eq!(parse_kib("VmRSSX: 1 kB\n", "VmRSS"), None);
    }

    /// On Linux the figures are there and the peak is at least the present.
    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_memory() {
        let (rss, peak) = (rss_kib().unwrap(), peak_kib().unwrap());
        assert!(0 < rss && rss <= peak, "rss {rss} KiB, peak {peak} KiB");
    }
}
