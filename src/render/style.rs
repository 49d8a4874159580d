//! Terminal styles, emitted only when colour is on.

use anstyle::{AnsiColor, Style};

/// A palette that paints text when colour is enabled and leaves it alone otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    enabled: bool,
}

/// The roles text can play in newsdiff's terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Headings and titles.
    Heading,
    /// Secondary information: ids, spans, counts.
    Dim,
    /// Words only in the first text (removed).
    Removed,
    /// Words only in the second text (added).
    Added,
    /// Conflicting numbers and names.
    Conflict,
    /// Something to notice (a flag, a warning).
    Notice,
    /// Good news (same, matched).
    Good,
}

impl Painter {
    /// A painter that paints when `enabled` is true.
    #[must_use]
    pub fn new(enabled: bool) -> Self {
        Self { enabled }
    }

    /// True when colour is on.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn style(role: Role) -> Style {
        match role {
            Role::Heading => Style::new().bold(),
            Role::Dim => Style::new().dimmed(),
            Role::Removed => Style::new().fg_color(Some(AnsiColor::Red.into())),
            Role::Added => Style::new().fg_color(Some(AnsiColor::Green.into())),
            Role::Conflict => Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())).underline(),
            Role::Notice => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            Role::Good => Style::new().fg_color(Some(AnsiColor::Cyan.into())),
        }
    }

    /// `text` painted in `role`'s style (or unchanged when colour is off).
    #[must_use]
    pub fn paint(&self, role: Role, text: &str) -> String {
        if self.enabled {
            let style = Self::style(role);
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape_codes_without_colour() {
        assert_eq!(Painter::new(false).paint(Role::Removed, "x"), "x");
        assert!(Painter::new(true).paint(Role::Removed, "x").contains('\u{1b}'));
    }
}
