//! Progress bars on stderr (indicatif) for the library's `Progress` reports.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use tifa::progress::Progress;

/// Progress bars on stderr, one per stage; nothing when stderr is not a terminal or --quiet.
pub struct Bars {
    enabled: bool,
    current: Mutex<Option<ProgressBar>>,
}

impl Bars {
    pub fn new(quiet: bool) -> Self {
        Bars {
            enabled: !quiet && std::io::stderr().is_terminal(),
            current: Mutex::new(None),
        }
    }
}

impl Progress for Bars {
    fn stage(&self, name: &str, total: u64) {
        if !self.enabled {
            return;
        }
        let bar = if total > 0 {
            ProgressBar::new(total)
        } else {
            ProgressBar::new_spinner()
        };
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {msg:<12} {bar:30} {pos}/{len} {elapsed}")
        {
            bar.set_style(style);
        }
        bar.set_message(name.to_string());
        if let Ok(mut c) = self.current.lock() {
            *c = Some(bar);
        }
    }
    fn advance(&self, n: u64) {
        if let Ok(c) = self.current.lock()
            && let Some(bar) = c.as_ref()
        {
            bar.inc(n);
        }
    }
    fn finish_stage(&self) {
        if let Ok(mut c) = self.current.lock()
            && let Some(bar) = c.take()
        {
            bar.finish_and_clear();
        }
    }
}
