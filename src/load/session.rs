//! A session of a course file (`[[sessions]]`, also inside `[[runs]]`): its dates, format,
//! place and country, and its weekly rhythm.

use super::course::{modality, SessionFile};
use super::fields::{Fields, Sp};
use crate::diag::{Diagnostic, Diagnostics};
use toml::Spanned;

/// A session's `country`: an ISO 3166-1 alpha-2 code ("DE"), else an error saying what to write.
fn country(f: &mut Fields<'_, '_>, d: &mut Diagnostics) -> Option<Sp<String>> {
    use crate::i18n::cldr::territories;
    let code = f.string(d, "country")?;
    if territories::is_known(code.get_ref()) {
        return Some(code);
    }
    let upper = code.get_ref().trim().to_ascii_uppercase();
    let hint = match territories::name("en", &upper) {
        Some(name) => format!("country codes are written in capitals: \"{upper}\" ({name})"),
        None => "write the country's two-letter ISO 3166-1 code, e.g. \"DE\" for Germany, \"CI\" \
                 for Côte d'Ivoire, \"PE\" for Peru; the city goes in `location`"
            .to_string(),
    };
    d.push(
        Diagnostic::error(
            "unknown-country",
            format!(
                "`country` \"{}\" is not a two-letter ISO 3166-1 country code",
                code.get_ref()
            ),
        )
        .at(&f.src, code.span())
        .with_hint(hint),
    );
    None
}

pub(super) fn session(mut s: Fields<'_, '_>, d: &mut Diagnostics) -> SessionFile {
    let out = SessionFile {
        span: s.span(),
        name: s.string(d, "name").map(Spanned::into_inner),
        start: s.when(d, "start"),
        end: s.when(d, "end"),
        modality: modality(&mut s, d),
        location: s.string(d, "location").map(Spanned::into_inner),
        repeat: s.table(d, "repeat").map(|t| super::repeat::repeat(t, d)),
        except: super::repeat::except(&mut s, d),
        country: country(&mut s, d),
    };
    if let (Some(e), None) = (&out.except, &out.repeat) {
        d.push(
            Diagnostic::error(
                "except-without-repeat",
                "`except` names days without a meeting, but this session has no `repeat`",
            )
            .at(&s.src, e.span())
            .with_hint("add the weekly rhythm, e.g. repeat = { days = [\"tue\", \"thu\"], until = 2026-04-30 }, or remove `except`"),
        );
    }
    if out.start.is_none() && !s.has("start") {
        s.missing(
            d,
            "start",
            "each session needs start = 2025-09-08 (and end = …)",
        );
    }
    if out.end.is_none() && !s.has("end") {
        s.missing(
            d,
            "end",
            "each session needs end = 2025-10-31 (the last day, included)",
        );
    }
    s.finish(d);
    out
}
