//! Days between partial dates. A lag is exact only when both dates name one day; otherwise it
//! is the interval of every lag the two dates allow, and nothing is made up in between.

use serde::Serialize;

use crate::document::DocDate;

/// Days from 1970-01-01 to year-month-day (proleptic Gregorian); a day past the month's end
/// (31 stands for "end of month" in partial dates) is the month's last day.
pub fn day_number(y: u16, m: u8, d: u8) -> i64 {
    let m = m.clamp(1, 12);
    let d = d.clamp(1, month_days(y, m));
    // Howard Hinnant's days_from_civil.
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar day of a day number (inverse of [`day_number`]).
pub fn civil(day: i64) -> (i64, u8, u8) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn month_days(y: u16, m: u8) -> u8 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first day a date can denote.
pub fn first_day(d: DocDate) -> i64 {
    let (y, m, dd) = d.earliest();
    day_number(y, m, dd)
}

/// The last day a date can denote.
pub fn last_day(d: DocDate) -> i64 {
    let (y, m, dd) = d.latest();
    day_number(y, m, dd)
}

/// The date names exactly one day.
pub fn is_exact_day(d: DocDate) -> bool {
    first_day(d) == last_day(d)
}

/// Days from an earlier event to a later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lag {
    /// The lag when both dates name one day, else None.
    pub days: Option<i64>,
    /// The smallest and largest lag the two dates allow (equal to `days` when exact).
    pub min: i64,
    pub max: i64,
}

/// The lag of `later` after `earlier` (negative when `later` is in fact before).
pub fn lag(later: DocDate, earlier: DocDate) -> Lag {
    let min = first_day(later) - last_day(earlier);
    let max = last_day(later) - first_day(earlier);
    Lag {
        days: (min == max).then_some(min),
        min,
        max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DocDate {
        s.parse().expect("test date")
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
        assert_eq!(day_number(2022, 3, 1) - day_number(2022, 2, 28), 1);
        assert_eq!(day_number(2022, 4, 31), day_number(2022, 4, 30));
        assert_eq!(day_number(2023, 1, 1) - day_number(2022, 1, 1), 365);
        for day in [-1, 0, 59, 18_000, 19_047, 19_417] {
            let (y, m, d) = civil(day);
            assert_eq!(day_number(y as u16, m, d), day);
        }
        assert_eq!(civil(day_number(2022, 3, 17)), (2022, 3, 17));
    }

    #[test]
    fn lags_are_exact_between_days_and_intervals_otherwise() {
        let exact = lag(d("2022-04-26"), d("2022-03-17"));
        assert_eq!(
            exact,
            Lag {
                days: Some(40),
                min: 40,
                max: 40
            }
        );
        // A month against a day: every lag from the 1st to the 30th of April.
        let month = lag(d("2022-04"), d("2022-03-17"));
        assert_eq!(
            month,
            Lag {
                days: None,
                min: 15,
                max: 44
            }
        );
        let year = lag(d("2022"), d("2021-12-31"));
        assert_eq!((year.days, year.min, year.max), (None, 1, 365));
        // An interval date (2021-12-11/12) is not one day either.
        let interval = lag(d("2021-12-13"), d("2021-12-11/12"));
        assert_eq!((interval.days, interval.min, interval.max), (None, 1, 2));
        assert!(is_exact_day(d("2022-02-28")) && !is_exact_day(d("2022-02")));
    }

    proptest::proptest! {
        /// Every pair of partial dates gives an interval holding every day-to-day lag the two
        /// dates allow, exact only when both are single days.
        #[test]
        fn lag_intervals_hold_every_possible_lag(
            a in (2020u16..2023, proptest::option::of(1u8..=12), proptest::option::of(1u8..=28)),
            b in (2020u16..2023, proptest::option::of(1u8..=12), proptest::option::of(1u8..=28)),
        ) {
            let date = |(y, m, d): (u16, Option<u8>, Option<u8>)| -> DocDate {
                let s = match (m, d) {
                    (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
                    (Some(m), None) => format!("{y}-{m:02}"),
                    _ => format!("{y}"),
                };
                s.parse().expect("test date")
            };
            let (later, earlier) = (date(a), date(b));
            let l = lag(later, earlier);
            proptest::prop_assert!(l.min <= l.max);
            proptest::prop_assert_eq!(l.days.is_some(), is_exact_day(later) && is_exact_day(earlier));
            for x in [first_day(later), last_day(later)] {
                for y in [first_day(earlier), last_day(earlier)] {
                    proptest::prop_assert!(l.min <= x - y && x - y <= l.max);
                }
            }
        }
    }
}
