//! Figures for people: a median, a duration, a size.

use std::time::Duration;

/// A duration for people: `12.3 µs`, `4.5 ms`, `1.25 s`.
pub fn duration(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else if us < 1e6 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// A size for people, in binary units (`1.5 KiB`); `unknown` for `None`.
pub fn bytes(b: Option<f64>) -> String {
    let Some(b) = b else {
        return "unknown".to_string();
    };
    if b < 1024.0 {
        format!("{b:.0} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} MiB", b / 1024.0 / 1024.0)
    } else {
        format!("{:.1} GiB", b / 1024.0 / 1024.0 / 1024.0)
    }
}

/// The median of `values` (the mean of the middle two for an even count);
/// `None` for none. NaN sorts last (`total_cmp`).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_for_people() {
        assert_eq!(duration(Duration::from_nanos(12_345)), "12.3 µs");
        assert_eq!(duration(Duration::from_micros(4_500)), "4.5 ms");
        assert_eq!(duration(Duration::from_millis(1_250)), "1.25 s");
        assert_eq!(bytes(Some(512.0)), "512 B");
        assert_eq!(bytes(Some(1536.0)), "1.5 KiB");
        assert_eq!(bytes(Some(3.0 * 1024.0 * 1024.0 * 1024.0)), "3.0 GiB");
        assert_eq!(bytes(None), "unknown");
    }

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }
}
