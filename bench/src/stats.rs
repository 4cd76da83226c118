//! Median and spread of repeated measurements.

use serde::{Deserialize, Serialize};

/// A figure measured `runs` times: its median, and the spread as the lowest
/// and highest value seen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub median: f64,
    pub min: f64,
    pub max: f64,
    pub runs: usize,
}

impl Stat {
    /// The median and range of `values`; `None` when there are none (or any
    /// is not a number). With an even count the median is the mean of the two
    /// middle values.
    pub fn of(values: &[f64]) -> Option<Stat> {
        if values.is_empty() || values.iter().any(|v| v.is_nan()) {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Some(Stat {
            median,
            min: sorted[0],
            max: sorted[n - 1],
            runs: n,
        })
    }

    /// Highest minus lowest.
    pub fn spread(&self) -> f64 {
        self.max - self.min
    }

    /// The spread as a percentage of the median (0 when the median is 0).
    pub fn spread_pct(&self) -> f64 {
        if self.median == 0.0 {
            0.0
        } else {
            self.spread() / self.median.abs() * 100.0
        }
    }

    /// The same figure in other units: `f` must keep the order (grow with
    /// its argument), like a change of scale.
    pub fn map(self, f: impl Fn(f64) -> f64) -> Stat {
        Stat {
            median: f(self.median),
            min: f(self.min),
            max: f(self.max),
            runs: self.runs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_count_takes_the_middle_value() {
        let s = Stat::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!(
            s,
            Stat {
                median: 2.0,
                min: 1.0,
                max: 3.0,
                runs: 3
            }
        );
        assert_eq!(s.spread(), 2.0);
        assert_eq!(s.spread_pct(), 100.0);
    }

    #[test]
    fn even_count_averages_the_middle_two() {
        let s = Stat::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(s.median, 2.5);
        assert_eq!((s.min, s.max, s.runs), (1.0, 4.0, 4));
    }

    #[test]
    fn one_value_has_no_spread() {
        let s = Stat::of(&[1.25]).unwrap();
        assert_eq!((s.median, s.spread(), s.spread_pct()), (1.25, 0.0, 0.0));
    }

    #[test]
    fn nothing_or_nan_gives_none() {
        assert_eq!(Stat::of(&[]), None);
        assert_eq!(Stat::of(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn map_changes_units() {
        let s = Stat::of(&[1024.0, 2048.0, 3072.0])
            .unwrap()
            .map(|k| k / 1024.0);
        assert_eq!((s.median, s.min, s.max), (2.0, 1.0, 3.0));
    }
}
