//! Which texts of a course translation are taken from a sibling translation, and from which
//! language: pages mark such a text with its language (`CourseText::borrowed`).

use crate::load::course::{CourseFile, FeeFile, SessionFile};
use crate::model::{Lang, TextField};
use crate::validate::ItemCtx;
use std::collections::BTreeMap;

/// A test of whether a course file states a text.
type States = Box<dyn Fn(&CourseFile) -> bool>;

/// The texts the file `own` leaves out that `items::course_texts` takes from a sibling translation,
/// each with the language of the sibling it takes it from (the first of `cf` that states it).
pub(super) fn borrowed(
    ctx: &ItemCtx<'_>,
    own: &CourseFile,
    cf: &[(usize, &CourseFile)],
    n_sessions: usize,
) -> BTreeMap<TextField, Lang> {
    fn fee(get: fn(&FeeFile) -> bool) -> States {
        Box::new(move |c| c.fee.as_ref().is_some_and(get))
    }
    fn session(n: usize, get: fn(&SessionFile) -> bool) -> States {
        Box::new(move |c| {
            c.sessions
                .as_ref()
                .and_then(|s| s.get_ref().get(n))
                .is_some_and(get)
        })
    }
    let mut fields: Vec<(TextField, States)> = vec![
        (TextField::Summary, Box::new(|c| c.summary.is_some())),
        (TextField::Workload, Box::new(|c| c.workload.is_some())),
        (TextField::Credential, Box::new(|c| c.credential.is_some())),
        (TextField::Objectives, Box::new(|c| c.objectives.is_some())),
        (TextField::Selection, Box::new(|c| c.selection.is_some())),
        (TextField::StartsNote, Box::new(|c| c.starts_note.is_some())),
        (TextField::FeeIncludes, fee(|f| f.includes.is_some())),
        (TextField::Scholarships, fee(|f| f.scholarships.is_some())),
        (TextField::FeeLabel, fee(|f| f.label.is_some())),
        (TextField::FeeLines, fee(|f| f.lines.is_some())),
        (TextField::FeeOptions, fee(|f| f.options.is_some())),
    ];
    for n in 0..n_sessions {
        fields.push((TextField::SessionName(n), session(n, |s| s.name.is_some())));
        fields.push((
            TextField::SessionLocation(n),
            session(n, |s| s.location.is_some()),
        ));
    }
    fields
        .into_iter()
        .filter(|(_, states)| !states(own))
        .filter_map(|(field, states)| {
            let (i, _) = cf.iter().find(|(_, o)| states(o))?;
            Some((field, ctx.files[*i].meta.lang.clone()))
        })
        .collect()
}
