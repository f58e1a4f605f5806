//! What many pages share, below the page families: the common head data of every HTML page
//! ([`head`]), breadcrumbs ([`crumbs`]), the pager of long lists ([`pager`]), dates, amounts and
//! counts in words ([`words`]), dates in ISO 8601 ([`iso`]), the `lang` mark of a text in
//! another language ([`lang`]), rendering a template with its view ([`emit`]), and room for long
//! files written item by item ([`grow`]).

pub mod crumbs;
pub mod emit;
pub mod grow;
pub mod head;
pub mod iso;
pub mod lang;
pub mod pager;
pub mod prices;
pub mod share;
pub mod words;

pub use crumbs::{trail, Crumb};
pub use emit::{html, render_template};
pub use head::{as_of, common, every_lang, feed_title};
pub use pager::{page_count, page_heading, part_heading, Pager};
