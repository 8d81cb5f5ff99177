//! Progress of long work. The library never prints: it reports to a `Progress`, which the CLI
//! shows as bars on a terminal and tests ignore.

/// Receives progress of long stages. The library never prints; the CLI shows bars.
pub trait Progress: Sync {
    /// A new stage begins with `total` units of work (0 when unknown).
    fn stage(&self, name: &str, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage is finished.
    fn finish_stage(&self);
}

/// Progress that goes nowhere (tests, `--quiet`, scripts).
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish_stage(&self) {}
}

/// Progress that remembers each stage as (name, total, units advanced): what tests check.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Recorded(std::sync::Mutex<Vec<(String, u64, u64)>>);

#[cfg(test)]
impl Recorded {
    pub(crate) fn stages(&self) -> Vec<(String, u64, u64)> {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
impl Progress for Recorded {
    fn stage(&self, name: &str, total: u64) {
        if let Ok(mut s) = self.0.lock() {
            s.push((name.to_string(), total, 0));
        }
    }
    fn advance(&self, n: u64) {
        if let Ok(mut s) = self.0.lock()
            && let Some(last) = s.last_mut()
        {
            last.2 += n;
        }
    }
    fn finish_stage(&self) {}
}
