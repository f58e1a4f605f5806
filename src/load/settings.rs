//! Settings of `site.toml` that shape lists and calendars: the catalogue's page size, the home
//! page's "starting soon" window, and how calendars are refreshed and remind of deadlines.

use super::fields::Fields;
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::model::config::{CalendarSettings, Past};

/// `[catalogue]`: `page_size` (at least 10, 100 when not given) and `past` (where finished
/// courses are listed: "archive", the default, "list" or "hide").
pub fn catalogue(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> (usize, Past) {
    // A page of 100 course cards is about 200 KB of HTML (40 KB compressed): fine on a phone.
    // With 1,000 (the first default) a large catalogue's pages were 2 MB each.
    let mut page_size = 100;
    let mut past = Past::Archive;
    if let Some(mut cat) = f.table(d, "catalogue") {
        if let Some(s) = cat.string(d, "past") {
            match Past::parse(s.get_ref()) {
                Some(p) => past = p,
                None => d.push(
                    Diagnostic::error(
                        "bad-value",
                        format!(
                            "`past` in [catalogue] is \"{}\": it must be \"archive\", \"list\" or \"hide\"",
                            s.get_ref()
                        ),
                    )
                    .at(&cat.src, s.span())
                    .with_hint(
                        "\"archive\" lists finished courses on a page of their own, \"list\" \
                         after the current ones, \"hide\" nowhere (their pages stay)",
                    ),
                ),
            }
        }
        if let Some(n) = cat.integer(d, "page_size") {
            if *n.get_ref() < 10 {
                d.push(
                    Diagnostic::error("bad-value", "`page_size` must be at least 10")
                        .at(&cat.src, n.span()),
                );
            } else {
                page_size = usize::try_from(*n.get_ref()).unwrap_or(usize::MAX);
            }
        }
        cat.finish(d);
    }
    (page_size, past)
}

/// `[home] soon_days`: from 1 to 366, 60 when not given.
pub fn soon_days(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> u32 {
    let mut soon_days = crate::model::DEFAULT_SOON_DAYS;
    if let Some(mut home) = f.table(d, "home") {
        if let Some(n) = home.integer(d, "soon_days") {
            match u32::try_from(*n.get_ref()) {
                Ok(days @ 1..=366) => soon_days = days,
                _ => d.push(
                    Diagnostic::error(
                        "number-out-of-range",
                        format!(
                            "`soon_days` in [home] is {}: it must be a number of days from 1 to 366",
                            n.get_ref()
                        ),
                    )
                    .at(&home.src, n.span())
                    .with_hint("write how many days ahead a course counts as starting soon, e.g. soon_days = 60"),
                ),
            }
        }
        home.finish(d);
    }
    soon_days
}

/// `[calendar]`: `refresh_hours` (1 to 720, a month) and `deadline_reminder`.
pub fn calendar_settings(
    src: &SourceText<'_>,
    f: &mut Fields<'_, '_>,
    d: &mut Diagnostics,
) -> CalendarSettings {
    let mut out = CalendarSettings::default();
    let Some(mut cal) = f.table(d, "calendar") else {
        return out;
    };
    if let Some(n) = cal.integer(d, "refresh_hours") {
        match u32::try_from(*n.get_ref()) {
            Ok(h @ 1..=720) => out.refresh_hours = h,
            _ => d.push(
                Diagnostic::error(
                    "bad-value",
                    "`refresh_hours` must be a number of hours from 1 to 720 (30 days)",
                )
                .at(src, n.span())
                .with_hint("write for example refresh_hours = 24 (once a day)"),
            ),
        }
    }
    if let Some(b) = cal.boolean(d, "deadline_reminder") {
        out.deadline_reminder = *b.get_ref();
    }
    cal.finish(d);
    out
}
