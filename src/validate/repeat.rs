//! The rules of a session's weekly rhythm that need its start (`assemble::items` calls them
//! with the file the sessions were taken from): the first meeting falls on a meeting day and
//! lasts less than two days, `until` is not before it and within ten years, and each day in
//! `except` is a meeting day of the range. Gives the model's [`Repeat`].

use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::load::course::SessionFile;
use crate::load::values::MAX_SESSION_DAYS;
use crate::model::repeat::{meeting_days, meetings, until_for_count, Repeat, DAY_NAMES};
use crate::model::When;
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

/// The language-neutral part of `repeat` and `except` as one file states them, for the
/// translations to agree on: (days, until, count, except).
pub type RepeatStated = (
    Vec<chrono::Weekday>,
    Option<When>,
    Option<u32>,
    Vec<NaiveDate>,
);

/// What `s` states of its rhythm, when it has one.
pub fn stated(s: &SessionFile) -> Option<RepeatStated> {
    let r = s.repeat.as_ref()?;
    Some((
        r.days
            .as_ref()
            .map(|v| v.get_ref().clone())
            .unwrap_or_default(),
        r.until.as_ref().map(|v| *v.get_ref()),
        r.count.as_ref().map(|v| *v.get_ref()),
        s.except
            .iter()
            .flat_map(|e| e.get_ref().iter().map(|x| *x.get_ref()))
            .collect(),
    ))
}

/// Checks the rhythm of session `s` (written in `src`), whose first meeting is `start`–`end`
/// in zone `tz`, and gives it; `None` when it has none or is refused (each reason reported).
pub fn check(
    src: &SourceText<'_>,
    s: &SessionFile,
    start: &When,
    end: &When,
    tz: Tz,
    d: &mut Diagnostics,
) -> Option<Repeat> {
    let r = s.repeat.as_ref()?;
    let days = r.days.as_ref()?;
    let first = start.date_in(tz);
    let mut ok = true;
    if !days.get_ref().contains(&first.weekday()) {
        ok = false;
        let day = DAY_NAMES[first.weekday().num_days_from_monday() as usize];
        d.push(
            Diagnostic::error(
                "repeat-start-not-a-meeting-day",
                format!("this session starts on {first}, a day it does not meet on (\"{day}\" is not in `days`)"),
            )
            .at(src, s.start.as_ref().map_or(r.span.clone(), |v| v.span()))
            .with_hint("`start` is the first meeting: write the date of the first meeting day, or add its day to `days`"),
        );
    }
    if (end.date_in(tz) - first).num_days() > 1 {
        ok = false;
        d.push(
            Diagnostic::error(
                "repeat-meeting-too-long",
                format!("with `repeat`, `end` is when the first meeting ends, but {end} is days after it starts"),
            )
            .at(src, s.end.as_ref().map_or(r.span.clone(), |v| v.span()))
            .with_hint(format!("write the end of the first meeting, e.g. end = {}T20:00:00, and the last day of the meetings as `until` in `repeat`", first)),
        );
    }
    let except: Vec<NaiveDate> = s
        .except
        .iter()
        .flat_map(|e| e.get_ref().iter().map(|x| *x.get_ref()))
        .collect();
    let until = match (&r.until, &r.count) {
        (Some(u), None) => {
            let until = u.get_ref().date_in(tz);
            if until < first {
                d.push(
                    Diagnostic::error(
                        "repeat-until-before-start",
                        format!(
                            "the meetings end on {until} (`until`), before the first one ({first})"
                        ),
                    )
                    .at(src, u.span())
                    .with_hint(
                        "`until` is the last day a meeting can fall on: check its year and month",
                    ),
                );
                return None;
            }
            if (until - first).num_days() > MAX_SESSION_DAYS {
                d.push(
                    Diagnostic::error(
                        "session-too-long",
                        format!("this session meets from {first} to {until}, more than ten years"),
                    )
                    .at(src, u.span())
                    .with_hint("check the year of `until`; a programme of more than ten years is written as several sessions"),
                );
                return None;
            }
            until
        }
        (None, Some(c)) => {
            let n = *c.get_ref() as usize;
            let Some(until) = until_for_count(first, days.get_ref(), &except, n, MAX_SESSION_DAYS)
            else {
                d.push(
                    Diagnostic::error(
                        "session-too-long",
                        format!("{n} meetings on these days take more than ten years"),
                    )
                    .at(src, c.span())
                    .with_hint("check `count`: it is the number of meetings"),
                );
                return None;
            };
            until
        }
        // Both or neither: reported where `repeat` is read.
        _ => return None,
    };
    ok &= exceptions(src, s, first, until, days.get_ref(), d);
    if !ok {
        return None;
    }
    let mut repeat = Repeat {
        days: days.get_ref().clone(),
        until,
        except,
        last_end: *end,
    };
    repeat.except.sort_unstable();
    repeat.except.dedup();
    let last = meetings(start, end, Some(&repeat), tz)
        .last()
        .map(|m| m.end);
    repeat.last_end = last.unwrap_or(*end);
    Some(repeat)
}

/// Each day of `except` is a meeting day after the first meeting `first`, up to `until`.
fn exceptions(
    src: &SourceText<'_>,
    s: &SessionFile,
    first: NaiveDate,
    until: NaiveDate,
    days: &[chrono::Weekday],
    d: &mut Diagnostics,
) -> bool {
    let Some(list) = &s.except else {
        return true;
    };
    let meeting = meeting_days(first, until, days, &[], usize::MAX);
    let mut ok = true;
    for day in list.get_ref() {
        let x = *day.get_ref();
        if x != first && meeting.contains(&x) {
            continue;
        }
        ok = false;
        let why = if x == first {
            "it is the first meeting: start the session on the next meeting day instead".to_string()
        } else if x < first || x > until {
            format!("it is outside the meetings, from {first} to {until}")
        } else {
            "the session does not meet on that day of the week".to_string()
        };
        d.push(
            Diagnostic::error(
                "except-not-a-meeting",
                format!("{x} in `except` is not a day the session would meet on: {why}"),
            )
            .at(src, day.span())
            .with_hint("list in `except` only meeting days that are skipped (check the date and the days in `repeat`)"),
        );
    }
    ok
}
