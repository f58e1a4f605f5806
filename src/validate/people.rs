//! Rules of instructors' photos: a photo is a file beside the course's page, so only a course
//! written as a folder (a bundle) can have one, and only in its own `[[instructors]]`.

use super::item::ItemCtx;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::course::CourseFile;
use crate::model::Ref;

/// The instructors written in the files `cf` of one course name photos only in a bundle.
pub fn photos(ctx: &ItemCtx<'_>, cf: &[(usize, &CourseFile)], d: &mut Diagnostics) {
    for (i, c) in cf {
        if ctx.files[*i].meta.bundle.is_some() {
            continue;
        }
        let listed = c.instructors.iter().flat_map(|v| v.get_ref());
        for p in listed {
            let Ref::Inline(person) = p.get_ref() else {
                continue;
            };
            let Some(photo) = &person.photo else { continue };
            d.push(
                Diagnostic::error(
                    "bad-photo",
                    format!("the photo \"{photo}\" cannot be found: this course is a single file, not a folder"),
                )
                .at(&ctx.src(*i), p.span())
                .with_hint("make the course a folder (content/courses/<name>/index.md, its translations index.fr.md…), put the image beside index.md, or remove `photo`"),
            );
        }
    }
}
