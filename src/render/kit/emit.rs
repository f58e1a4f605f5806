//! Rendering a template with its view: by the template's compiled code where the site can use
//! it, else by Tera with the view serialised.

use crate::diag::Diagnostic;
use crate::render::compiled::{self, Compiled};
use crate::render::{templates, Ctx, Output};
use serde::Serialize;
use tera::Context;

/// Renders a template with its view: by the template's compiled code where the site can use it
/// ([`crate::render::compiled`]), else by Tera with the view serialised.
pub fn html<T: Serialize + Compiled>(
    ctx: &Ctx<'_>,
    template: &str,
    view: &T,
    path: String,
) -> Result<Vec<Output>, Diagnostic> {
    let out = render_template(ctx, template, view, 16 * 1024)?;
    Ok(vec![Output::bytes(path, out)])
}

/// The text of `template` for `view` (`capacity`: the expected size): by its compiled code, else
/// by the code of its blocks with Tera rendering the site's templates it extends
/// ([`compiled::blocks`]), else by Tera whole.
pub fn render_template<T: Serialize + Compiled>(
    ctx: &Ctx<'_>,
    template: &str,
    view: &T,
    capacity: usize,
) -> Result<String, Diagnostic> {
    if ctx.compiled.uses(template) {
        let mut out = String::with_capacity(capacity);
        if view.render_compiled(template, &mut out) {
            return Ok(out);
        }
    }
    if let Some(s) = ctx.compiled.stand_in(template) {
        if let Some(out) = compiled::blocks::render(ctx.tera()?, s, template, view) {
            return Ok(out);
        }
    }
    let context = Context::from_serialize(view).map_err(|e| templates::template_error(&e))?;
    ctx.tera()?.render(template, &context).map_err(|e| {
        let mut d = templates::template_error(&e);
        d.message = format!("{template}: {}", d.message);
        d
    })
}
