//! The rules of one course, checked while it is assembled (`assemble::items`): what each file
//! must give, topics that exist, sessions that end after they start, a sessions list or
//! self-paced, a fee with its currency and the currency's decimals.

use super::item::{written, ItemCtx};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::{CourseFile, FeeFile};
use crate::model::{FeeOption, Modality, Origin, When};
use chrono_tz::Tz;

/// A session as the translations agree on it: start, end, modality (each when valid), its
/// weekly rhythm, its country.
pub type SessionStated = (
    Option<When>,
    Option<When>,
    Option<Modality>,
    Option<super::repeat::RepeatStated>,
    Option<String>,
);

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

/// `page_languages` (stated first by `origin`): a non-empty list of the site's languages that
/// holds the language of every file of the course (a file in another language would be a page
/// the note says the course does not have).
pub fn page_languages(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    origin: &Origin,
    d: &mut Diagnostics,
) {
    let Some((i, c)) = cf.iter().find(|(i, _)| *i == origin.file) else {
        return;
    };
    let Some(list) = &c.page_languages else {
        return;
    };
    let site = &ctx.config.languages;
    if list.get_ref().is_empty() {
        d.push(
            Diagnostic::error("page-languages-empty", "`page_languages` is empty")
                .at(&ctx.src(*i), list.span())
                .with_hint(format!(
                    "list the languages the course has pages in, e.g. page_languages = [\"{}\"], or leave the line out when it is translated into every language of the site",
                    ctx.files[*i].meta.lang
                )),
        );
        return;
    }
    for l in list.get_ref() {
        if !site.contains(l.get_ref()) {
            d.push(
                Diagnostic::error(
                    "page-language-unknown",
                    format!("`page_languages` names \"{}\", which is not a language of the site", l.get_ref()),
                )
                .at(&ctx.src(*i), l.span())
                .with_hint(format!(
                    "write languages of site.toml's `languages` ({}), as in the file names (course.fr.md is in \"fr\")",
                    site.join(", ")
                )),
            );
        }
    }
    for (j, _) in cf {
        let lang = &ctx.files[*j].meta.lang;
        if !list.get_ref().iter().any(|l| l.get_ref() == lang) {
            d.push(
                Diagnostic::error(
                    "page-language-unlisted",
                    format!("this course has a page in \"{lang}\" ({}), but `page_languages` does not list it", ctx.files[*j].meta.rel),
                )
                .at(&ctx.src(*i), list.span())
                .with_hint(format!("add \"{lang}\" to `page_languages`, or remove the line when the course is translated into every language of the site")),
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
    for (n, (start, end, _, _, _)) in list.iter().enumerate() {
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

/// Amounts have no more decimals than the currency's ISO 4217 minor unit: none for JPY, KRW or
/// XOF, two for EUR, three for BHD, KWD or TND. `amount = 1500.50` with `currency = "JPY"`
/// would show a price that cannot be paid, and `1.860` in euros is a thousands dot.
fn whole_units(
    ctx: &ItemCtx<'_>,
    currency: &str,
    amount_at: &Origin,
    fees: &[(usize, &FeeFile)],
    d: &mut Diagnostics,
) {
    let Some(digits) = crate::i18n::cldr::minor_unit_digits(currency) else {
        return;
    };
    let file = amount_at.file;
    let own = fees.iter().find(|(i, _)| *i == file).map(|(_, f)| f);
    let spans = own.into_iter().flat_map(|f| {
        f.amount
            .iter()
            .map(|a| a.span())
            .chain(
                f.lines
                    .iter()
                    .flat_map(|l| l.get_ref().iter().map(|(_, a)| a.span())),
            )
            .chain(f.options.iter().flat_map(|o| {
                o.get_ref()
                    .iter()
                    .filter_map(|x| x.amount.as_ref().map(|a| a.span()))
            }))
    });
    let src = ctx.src(file);
    for span in spans {
        let raw = src
            .text
            .get(src.base + span.start..src.base + span.end)
            .unwrap_or("");
        let n = crate::load::values::written_decimals(raw);
        if n as u32 <= digits {
            continue;
        }
        let (message, hint) = if digits == 0 {
            (
                format!("{currency} amounts are whole numbers: the currency has no smaller unit"),
                format!(
                    "write the amount without decimals, e.g. amount = {}",
                    raw.split('.').next().unwrap_or(raw)
                ),
            )
        } else {
            let hint = match crate::load::values::without_separators(raw) {
                Some(whole) if n == 3 => format!("write amounts without thousands separators: amount = {whole} (a dot starts the decimals, at most {digits} in {currency})"),
                _ => format!("round it to {digits} decimals, e.g. amount = 1250.{}", "5".repeat(digits as usize)),
            };
            (format!("the amount is {raw}, with {n} decimals; {currency} amounts have at most {digits}"), hint)
        };
        d.push(
            Diagnostic::error("too-many-decimals", message)
                .at(&src, span)
                .with_hint(hint),
        );
    }
}

/// A run of `[[runs]]` (number `run`, from 1; `files`: its table in each file) has sessions or
/// `starts`. `sessions` is how many were made.
pub fn run_has_dates(
    ctx: &ItemCtx<'_>,
    files: &[(usize, &CourseFile)],
    run: usize,
    sessions: usize,
    d: &mut Diagnostics,
) {
    // Sessions written but refused have their own error.
    let written_any = files.iter().any(|(_, r)| {
        r.sessions.as_ref().is_some_and(|s| !s.get_ref().is_empty()) || written(&r.keys, "sessions")
    });
    let Some((file, table)) = files.first() else {
        return;
    };
    if sessions == 0 && !written_any {
        d.push(
            Diagnostic::error("no-sessions", format!("run #{run} has no sessions"))
                .at(&ctx.src(*file), table.at.clone())
                .with_hint("add [[runs.sessions]] with start = … and end = … under this [[runs]], or starts = \"rolling\" or \"on-request\" for a run without set dates"),
        );
    }
}

/// The fields of a run, which a course with `[[runs]]` states in each run, not at its top.
pub const RUN_FACTS: [&str; 5] = ["sessions", "application", "status", "starts", "starts_note"];

/// A course with `[[runs]]` (in any of its files `cf`) states no run facts at its top: the two
/// shapes mixed would leave unclear which run they belong to.
pub fn runs_alone(ctx: &ItemCtx<'_>, cf: &[(usize, &CourseFile)], d: &mut Diagnostics) {
    let runs_file = cf.iter().find(|(_, c)| c.runs.is_some());
    let Some((runs_file, _)) = runs_file else {
        return;
    };
    let runs_at = &ctx.files[*runs_file].meta.rel;
    for (i, c) in cf {
        for key in RUN_FACTS.iter().filter(|k| written(&c.keys, k)) {
            let span = match *key {
                "sessions" => c.sessions.as_ref().map(|s| s.span()),
                "application" => c.application.as_ref().map(|a| a.span.clone()),
                "status" => c.status.as_ref().map(|s| s.span()),
                "starts" => c.starts.as_ref().map(|s| s.span()),
                _ => c.starts_note.as_ref().map(|s| s.span()),
            };
            let whose = if i == runs_file {
                String::new()
            } else {
                format!(" (in {runs_at})")
            };
            let diag = Diagnostic::error(
                "runs-mixed",
                format!("`{key}` is written at the top of a course that has [[runs]]{whose}"),
            )
            .with_hint(format!(
                "a course given several times states `{key}` inside each [[runs]] table: move it into the runs it belongs to (e.g. [[runs.sessions]], [runs.application]), or remove [[runs]] for a course given once"
            ));
            d.push(match span {
                Some(s) => diag.at(&ctx.src(*i), s),
                None => diag.at(&ctx.head(*i), 0..3),
            });
        }
    }
}

/// The translations that state `[[runs]]` state as many runs: runs are facts, paired by their
/// order (a translation may leave them all out and have the others').
pub fn runs_agree(ctx: &ItemCtx<'_>, cf: &[(usize, &CourseFile)], d: &mut Diagnostics) {
    let mut with = cf
        .iter()
        .filter_map(|(i, c)| c.runs.as_ref().map(|r| (*i, r)));
    let Some((first, runs)) = with.next() else {
        return;
    };
    let n = runs.get_ref().len();
    let line = ctx.src(first).locate(runs.span()).line;
    for (i, other) in with {
        let m = other.get_ref().len();
        if m != n {
            d.push(
                Diagnostic::error(
                    "translation-mismatch",
                    format!(
                        "translations disagree on `runs`: this file has {m} run(s), {}:{line} has {n}",
                        ctx.files[first].meta.rel
                    ),
                )
                .at(&ctx.src(i), other.span())
                .with_hint("the runs of a course are facts shared by its translations, in the same order: give each translation the same runs, or write [[runs]] in one file only (the others show its runs)"),
            );
        }
    }
}
