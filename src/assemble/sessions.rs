//! A course's sessions from its files: what each file states (for the translations to agree
//! on), and the agreed list as the model's facts, each weekly rhythm checked.

use crate::diag::Diagnostics;
use crate::load::course::CourseFile;
use crate::model::{Origin, SessionFacts};
use crate::validate::course::SessionStated;
use crate::validate::item::ItemCtx;
use toml::Spanned;

/// The sessions one file states: start, end, modality, weekly rhythm and country of each.
pub(super) fn stated(c: &CourseFile) -> Option<Spanned<Vec<SessionStated>>> {
    let s = c.sessions.as_ref()?;
    let list = s
        .get_ref()
        .iter()
        .map(|x| {
            (
                x.start.as_ref().map(|v| *v.get_ref()),
                x.end.as_ref().map(|v| *v.get_ref()),
                x.modality.as_ref().map(|v| *v.get_ref()),
                crate::validate::repeat::stated(x),
                x.country.as_ref().map(|v| v.get_ref().clone()),
            )
        })
        .collect();
    Some(Spanned::new(s.span(), list))
}

pub(super) fn show(v: &[SessionStated]) -> String {
    v.iter()
        .map(|(s, e, _, r, country)| {
            let rhythm = r
                .as_ref()
                .map_or(String::new(), |(days, until, count, except)| {
                    format!(" weekly {days:?} until {until:?} count {count:?} except {except:?}")
                });
            let place = country
                .as_ref()
                .map_or(String::new(), |c| format!(" in \"{c}\""));
            format!(
                "{}–{}{rhythm}{place}",
                s.map(|w| w.to_string()).unwrap_or_default(),
                e.map(|w| w.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sessions of the agreed `list` (stated first by `origin`) as the model's facts, each
/// weekly rhythm checked against the file it was taken from.
pub(super) fn facts(
    ctx: &ItemCtx<'_>,
    cf: &[(usize, &CourseFile)],
    list: &[SessionStated],
    origin: &Origin,
    tz: chrono_tz::Tz,
    d: &mut Diagnostics,
) -> Vec<SessionFacts> {
    let origin_file = cf.iter().find(|(i, _)| *i == origin.file);
    let written = origin_file.and_then(|(_, c)| c.sessions.as_ref());
    list.iter()
        .enumerate()
        .filter_map(|(n, (start, end, m, _, country))| {
            let (start, end) = ((*start)?, (*end)?);
            let file = written.and_then(|w| w.get_ref().get(n));
            let repeat = file.and_then(|f| {
                crate::validate::repeat::check(&ctx.src(origin.file), f, &start, &end, tz, d)
            });
            Some(SessionFacts {
                start,
                end,
                modality: *m,
                country: country.clone(),
                repeat,
            })
        })
        .collect()
}
