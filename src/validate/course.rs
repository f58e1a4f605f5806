//! The rules of one course, checked while it is assembled (`assemble::items`): what each file
//! must give, topics that exist, sessions that end after they start, a sessions list or
//! self-paced, a fee with its currency and the currency's decimals.

use super::item::{written, ItemCtx};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::{CourseFile, FeeFile};
use crate::model::{FeeOption, Modality, Origin, When};
use chrono_tz::Tz;

/// A session as the translations agree on it: start, end, modality (each when valid).
/// A session's facts as one file states them: start, end, format, country.
pub type SessionStated = (Option<When>, Option<When>, Option<Modality>, Option<String>);

/// Each published file (`texts_of`) names the course's code and has its own title.
pub fn required(ctx: &ItemCtx<'_>, texts_of: &[(usize, &CourseFile)], d: &mut Diagnostics) {
    for (i, c) in texts_of {
        if c.code.is_none() && !written(&c.keys, "code") {
            ctx.missing(d, *i, "code", "every course file needs the course's activity code, e.g. code = \"A9718007\" (the same in every translation)");
        }
        if c.title.is_none() && !written(&c.keys, "title") {
            ctx.missing(
                d,
                *i,
                "title",
                "every course file needs a title in its own language, e.g. title = \"…\"",
            );
        }
    }
}

/// No file states a modality (`cf`: the course's files; `first`: the one to point at).
pub fn modality_missing(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    first: usize,
    d: &mut Diagnostics,
) {
    // A modality written but refused (`"Online"`) has its own error.
    if !cf.iter().any(|(_, c)| written(&c.keys, "modality")) {
        ctx.missing(d, first, "modality", "state how the course is taught in at least one translation: modality = \"online\" (or face-to-face, blended, self-paced)");
    }
}

/// Each topic of the file the topics were taken from (`origin`) is defined in `data/topics.toml`.
pub fn topics_known(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    origin: &Origin,
    d: &mut Diagnostics,
) {
    let known: Vec<&str> = ctx.data.topics.keys().map(String::as_str).collect();
    let Some((i, c)) = cf.iter().find(|(i, _)| *i == origin.file) else {
        return;
    };
    for t in c.topics.iter().flat_map(|v| v.get_ref()) {
        if !ctx.data.topics.contains_key(t.get_ref())
            && !t.get_ref().contains(crate::scaffold::UNFILLED)
            && !ctx.data.failed.contains("topics.toml")
        {
            d.push(
                Diagnostic::error(
                    "unknown-topic",
                    format!(
                        "topic \"{}\" is not defined in data/topics.toml",
                        t.get_ref()
                    ),
                )
                .at(&ctx.src(*i), t.span())
                .with_hint(crate::diag::suggest(t.get_ref(), &known, "topics")),
            );
        }
    }
}

/// Each session of the agreed list (`list`, stated first by `origin`) ends on or after its
/// start, within ten years of it (in the course's zone `tz`).
pub fn session_ranges(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    list: &[SessionStated],
    origin: &Origin,
    tz: Tz,
    d: &mut Diagnostics,
) {
    let file_sessions = cf
        .iter()
        .find(|(i, _)| *i == origin.file)
        .and_then(|(_, c)| c.sessions.as_ref());
    for (n, (start, end, _, _)) in list.iter().enumerate() {
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        // The error points at the session's `end` in the file the list was taken from.
        let Some(at) = file_sessions
            .and_then(|s| s.get_ref().get(n))
            .and_then(|s| s.end.as_ref())
            .map(|e| e.span())
        else {
            continue;
        };
        if end.date_in(tz) < start.date_in(tz) || end.end_instant(tz) < start.start_instant(tz) {
            d.push(
                Diagnostic::error(
                    "session-end-before-start",
                    format!("this session ends ({end}) before it starts ({start})"),
                )
                .at(&ctx.src(origin.file), at)
                .with_hint("`end` is the last day of the session, on or after `start`"),
            );
        } else if (end.date_in(tz) - start.date_in(tz)).num_days()
            > crate::load::values::MAX_SESSION_DAYS
        {
            // A slip in a year (2925 for 2025): the calendars would list the session in
            // every month of nine centuries.
            d.push(
                Diagnostic::error(
                    "session-too-long",
                    format!("this session lasts from {start} to {end}, more than ten years"),
                )
                .at(&ctx.src(origin.file), at)
                .with_hint("check the year of `end`; a programme of more than ten years is written as several sessions"),
            );
        }
    }
}

/// A course that is not self-paced has sessions. `sessions` is how many were made, `at` the
/// file to point at.
pub fn has_sessions(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    sessions: usize,
    modality: Modality,
    at: usize,
    d: &mut Diagnostics,
) {
    // Sessions written but refused (`[sessions]` for `[[sessions]]`) have their own error.
    let sessions_written = cf.iter().any(|(_, c)| {
        c.sessions.as_ref().is_some_and(|s| !s.get_ref().is_empty())
            || (c.sessions.is_none() && written(&c.keys, "sessions"))
    });
    if sessions == 0 && modality != Modality::SelfPaced && !sessions_written {
        d.push(
            Diagnostic::error("no-sessions", "this course has no sessions")
                .at(&ctx.head(at), 0..3)
                .with_hint("add a [[sessions]] table with start = … and end = …; for a course without set dates write starts = \"rolling\" or starts = \"on-request\", or set modality = \"self-paced\""),
        );
    }
}

/// What a course's translations agree its `[fee]` states, for [`fee`].
pub struct FeeStated<'a> {
    pub amount: Option<(i64, &'a Origin)>,
    pub currency: Option<&'a str>,
    pub on_request: bool,
    /// The price options and where they were stated.
    pub options: Option<(&'a [FeeOption], &'a Origin)>,
}

/// A `[fee]` (`fees`: each file's) has an amount, unless it is on request; an amount or price
/// option above zero has a currency; the amounts of a currency without decimals are whole.
pub fn fee(ctx: &ItemCtx<'_>, f: FeeStated<'_>, fees: &[(usize, &FeeFile)], d: &mut Diagnostics) {
    let paid_option = f
        .options
        .filter(|(o, _)| o.iter().any(|x| x.amount > 0))
        .map(|(_, at)| at);
    match (f.amount, f.currency) {
        (Some((_, origin)), Some(currency)) => whole_units(ctx, currency, origin, fees, d),
        (Some((amount, origin)), None) if amount > 0 || paid_option.is_some() => {
            let at = if amount > 0 {
                origin
            } else {
                paid_option.unwrap_or(origin)
            };
            d.push(
                Diagnostic::error(
                    "missing-field",
                    "`currency` is required in [fee] when there is an amount",
                )
                .at(&ctx.src(at.file), at.span.clone())
                .with_hint("add currency = \"EUR\" (ISO 4217 code)"),
            );
        }
        (Some(_), None) => {}
        (None, _) if f.on_request => {}
        (None, _) => {
            if let Some((i, fee)) = fees
                .first()
                .filter(|_| !fees.iter().any(|(_, f)| f.amount_written))
            {
                d.push(
                    Diagnostic::error("missing-field", "`amount` is required in [fee]")
                        .at(&ctx.src(*i), fee.span.clone())
                        .with_hint("write amount = 0 for a free course, or on_request = true when the fee is given on request"),
                );
            }
        }
    }
}

/// Amounts of a currency without a minor unit (JPY, KRW, XOF: ISO 4217) are whole numbers:
/// `amount = 1500.50` with `currency = "JPY"` would show a price that cannot be paid.
fn whole_units(
    ctx: &ItemCtx<'_>,
    currency: &str,
    amount_at: &Origin,
    fees: &[(usize, &FeeFile)],
    d: &mut Diagnostics,
) {
    if crate::i18n::cldr::minor_unit_digits(currency) != Some(0) {
        return;
    }
    let file = amount_at.file;
    let own = fees.iter().find(|(i, _)| *i == file).map(|(_, f)| f);
    let amounts = own.into_iter().flat_map(|f| {
        f.amount
            .iter()
            .map(|a| (*a.get_ref(), a.span()))
            .chain(
                f.lines
                    .iter()
                    .flat_map(|l| l.get_ref().iter().map(|(_, a)| (*a.get_ref(), a.span()))),
            )
            .chain(f.options.iter().flat_map(|o| {
                o.get_ref()
                    .iter()
                    .filter_map(|x| x.amount.as_ref().map(|a| (*a.get_ref(), a.span())))
            }))
    });
    for (hundredths, span) in amounts {
        if hundredths % 100 != 0 {
            d.push(
                Diagnostic::error(
                    "too-many-decimals",
                    format!(
                        "{currency} amounts are whole numbers: the currency has no smaller unit"
                    ),
                )
                .at(&ctx.src(file), span)
                .with_hint(format!(
                    "write the amount without decimals, e.g. amount = {}",
                    hundredths / 100
                )),
            );
        }
    }
}
