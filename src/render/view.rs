//! The data templates read: every view struct a page's template is given is made of these,
//! everything already formatted in the page's language, so templates only lay text out. Plain
//! data: built by the page families, no rendering here.

pub use super::kit::lang::LangMark;
use serde::Serialize;

#[derive(Serialize, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
}

#[derive(Serialize, Clone)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    /// Root-relative, for the switcher.
    pub href: String,
    /// Absolute, for `<link rel=alternate>`.
    pub abs: String,
    pub current: bool,
}

/// What every HTML page needs: language, direction, navigation, alternates.
#[derive(Serialize, Clone)]
pub struct Common {
    pub lang: String,
    pub dir: &'static str,
    pub site_title: String,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub home: String,
    pub nav: Vec<NavItem>,
    pub alternates: Vec<Alternate>,
    pub x_default: Option<String>,
    pub css: String,
    pub js: String,
    pub live_reload: Option<String>,
    /// JSON-LD, already serialised and made safe for a `<script>` element.
    pub jsonld: Option<String>,
    pub breadcrumbs: Vec<Link>,
    /// The strings the state script needs, as ` data-…="…"` attributes (escaped), the same on
    /// every page of a language: written once per language instead of looped over per page.
    pub state_strings: String,
    /// On pages whose content depends on the date: "This page shows the situation on 20 August
    /// 2025.", shown when the page script does not run (it keeps the page true by the clock).
    pub as_of: Option<String>,
    /// The language's Atom feeds (autodiscovery links in the head of every page).
    pub feeds: Vec<Link>,
    /// What link previews (Open Graph, Twitter cards) show.
    pub share: Share,
    pub icons: Icons,
    /// The language switcher: every language of the site, in site order.
    pub switcher: Vec<SwitchItem>,
    pub footer: FooterView,
}

/// A link preview's data (Open Graph and Twitter card tags).
#[derive(Serialize, Clone)]
pub struct Share {
    pub title: String,
    pub description: String,
    /// Absolute.
    pub url: String,
    pub site_name: String,
    /// `og:locale` (`en`, `pt_BR`) and those of the page's translations.
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<ShareImage>,
}

#[derive(Serialize, Clone)]
pub struct ShareImage {
    /// Absolute.
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// The site's icons (root-relative; empty when the theme has none).
#[derive(Serialize, Clone, Default)]
pub struct Icons {
    pub svg: String,
    pub png: String,
    pub apple: String,
}

/// One language of the switcher: the page in that language, or, where the page has no
/// translation in it, that language's section (`missing`, with a note in that language).
#[derive(Serialize, Clone)]
pub struct SwitchItem {
    pub lang: String,
    /// The direction of that language (its note is written in it).
    pub dir: &'static str,
    pub name: String,
    pub href: String,
    pub current: bool,
    pub missing: Option<String>,
}

/// The page footer: the organisation's name, address and links, in the page's language.
#[derive(Serialize, Clone)]
pub struct FooterView {
    pub name: String,
    /// The name's language when site.toml gives none in the page's language.
    pub name_lang: Option<LangMark>,
    pub address: Option<String>,
    pub address_lang: Option<LangMark>,
    pub links: Vec<Link>,
}

#[derive(Serialize, Clone)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct SessionView {
    pub name: Option<String>,
    /// The name's language when another translation gives it (`name` falls back).
    pub name_lang: Option<LangMark>,
    pub dates: String,
    /// Its weekly rhythm and hours, when it has them ("Every Tuesday, 18:00–20:00 (Italy Time)").
    pub schedule: Option<String>,
    /// The days a weekly session skips, in words.
    pub except: Option<String>,
    pub start: String,
    pub end: String,
    pub modality: String,
    pub location: Option<String>,
    pub location_lang: Option<LangMark>,
}

#[derive(Serialize)]
pub struct FeeLineView {
    pub label: String,
    /// The label's language when another translation gives it.
    pub label_lang: Option<LangMark>,
    pub amount: String,
    /// A word ("Free", "On request") rather than an amount: not isolated as a number.
    pub word: bool,
}

/// A price option on the course page: its name, when it ends and whom it is for, its amount.
#[derive(Serialize)]
pub struct FeeOptionView {
    pub name: String,
    /// "until 31 August 2025", in words.
    pub until: Option<String>,
    /// Whom it is for ("sponsored participants").
    pub for_whom: Option<String>,
    /// The language of its name and `for_whom` when another translation gives them.
    pub lang: Option<LangMark>,
    pub amount: String,
    pub word: bool,
    /// The last instant the price applies (RFC 3339, UTC), for the state script.
    pub ends_iso: Option<String>,
    /// Ended when the page was built.
    pub past: bool,
}

#[derive(Serialize)]
pub struct FeeView {
    /// The main price (or "On request").
    pub main: FeeLineView,
    /// Prices one may pay instead of the main one.
    pub options: Vec<FeeOptionView>,
    /// Further amounts (subsistence…), shown under the prices.
    pub lines: Vec<FeeLineView>,
    pub free: bool,
    pub includes: Vec<String>,
    pub includes_lang: Option<LangMark>,
    pub scholarships_html: Option<String>,
    pub scholarships_lang: Option<LangMark>,
}

#[derive(Serialize)]
pub struct RefundRow {
    pub period: String,
    pub refund: String,
    pub past: bool,
    /// When the period is over (RFC 3339, UTC): the start of the day after its last day, in the
    /// course's zone; for the page script, which marks the row then.
    pub over: Option<String>,
}

#[derive(Serialize)]
pub struct PolicyView {
    pub notice_html: Option<String>,
    pub notice_lang: Option<LangMark>,
    pub rows: Vec<RefundRow>,
}

/// A place on a card, with its language when it is not the page's (a `location` taken from
/// another translation, or from the page in another language a card links to).
#[derive(Serialize, Clone, Debug)]
pub struct PlaceView {
    pub text: String,
    pub lang: Option<LangMark>,
}

/// An instructor on a course's page.
#[derive(Serialize)]
pub struct PersonView {
    pub name: String,
    pub name_lang: Option<LangMark>,
    pub role: Option<String>,
    pub role_lang: Option<LangMark>,
    pub url: Option<String>,
    /// The photo's file name, beside the page (a bundle's file).
    pub photo: Option<String>,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub name_lang: Option<LangMark>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tel: Option<String>,
    pub address: Option<String>,
    pub address_lang: Option<LangMark>,
    pub url: Option<String>,
}

/// A course as lists show it (catalogue, topic, home, calendar).
#[derive(Serialize, Clone)]
pub struct CourseCard {
    /// The course's code: what lists and the page script know it by.
    pub code: String,
    /// The code of the run shown first (its own, else the course's): what the key facts and
    /// the apply buttons say.
    pub run_code: String,
    pub title: String,
    pub summary: Option<String>,
    /// The summary's language when it is not the page's (another translation's text).
    pub summary_lang: Option<LangMark>,
    pub url: String,
    /// Set when the course has no page in this language: the language of the page linked to.
    pub other_lang: Option<String>,
    pub other_lang_code: Option<String>,
    /// "Page in English" (`page_in_language`), when `other_lang` is set.
    pub other_lang_note: Option<String>,
    /// Where its in-person sessions take place ("Berlin, Germany"), each place once.
    pub places: Vec<PlaceView>,
    /// The ISO 3166-1 codes of its sessions' countries, each once, in session order.
    pub country_codes: Vec<String>,
    pub modality: String,
    pub modality_id: &'static str,
    pub dates: String,
    /// The language of `dates` when they are a `starts_note` another translation gives.
    pub dates_lang: Option<LangMark>,
    pub start_iso: Option<String>,
    /// When the course starts and ends (RFC 3339, UTC; none for a self-paced course): the page
    /// script's `data-start` and `data-end`, from which lists follow the visitor's clock.
    pub start_at: Option<String>,
    pub end_at: Option<String>,
    pub month: Option<String>,
    pub topics: Vec<Link>,
    pub topic_ids: Vec<String>,
    pub languages: Vec<String>,
    pub language_codes: Vec<String>,
    pub status: &'static str,
    pub status_label: Option<String>,
    pub application: ApplicationView,
    pub fee: Option<PriceView>,
    /// A course given several times: "2 more dates" (its runs still to come or running, besides
    /// the one the card shows).
    pub more_dates: Option<String>,
    /// A course given several times whose runs start in several months: each month
    /// (`2026-01`), earliest first, for the month filter (`data-months`); empty otherwise.
    pub months: Vec<String>,
    /// A course given several times: each run's facts and the lead run at the build, as JSON
    /// (`data-runs`), from which the page script shows another run once the clock makes it the
    /// lead (`render::leads`).
    pub runs: Option<String>,
}

/// The price a card shows: "from €1,500" is `before` "from ", `money` "€1,500", `after` "".
#[derive(Serialize, Clone, PartialEq, Eq)]
pub struct PriceView {
    pub before: String,
    pub money: String,
    pub after: String,
    /// A word ("Free", "On request") rather than an amount: not isolated as a number.
    pub word: bool,
    /// The prices that follow as price options end, for the state script (JSON):
    /// `[[last instant of the price before (RFC 3339), before, money, after, word], …]`.
    pub steps: Option<String>,
}

/// One event's "add to" links on a course page.
#[derive(Serialize)]
pub struct AddEventView {
    /// What it is: the session's name and dates, or the deadline and its date.
    pub label: String,
    pub google: String,
    pub outlook_com: String,
    pub microsoft_365: String,
}

#[derive(Serialize)]
pub struct CourseView {
    pub card: CourseCard,
    pub workload: Option<String>,
    pub workload_lang: Option<LangMark>,
    /// The total study hours: "30 hours".
    pub hours: Option<String>,
    /// What participants receive at the end.
    pub credential: Option<String>,
    pub credential_lang: Option<LangMark>,
    /// The "More information" link (`website`), in the page's language or a sibling's.
    pub website: Option<String>,
    /// "25 places", when the note states its capacity.
    pub capacity: Option<String>,
    pub sessions: Vec<SessionView>,
    pub objectives_html: Vec<String>,
    pub objectives_lang: Option<LangMark>,
    pub fee: Option<FeeView>,
    pub policy: Option<PolicyView>,
    pub contacts: Vec<ContactView>,
    pub instructors: Vec<PersonView>,
    pub body_html: String,
    /// The course's .ics file in this language; empty when it has no events (not written).
    pub ics: String,
    /// The same file's absolute address as `webcal://`, to subscribe; empty with `ics`.
    pub ics_webcal: String,
    /// "Add to Google Calendar / Outlook" for each session and the deadline
    /// (`calendar::add_links`); none when the course is cancelled or postponed.
    pub add_events: Vec<AddEventView>,
    pub notices: Vec<Link>,
    pub tz_name: String,
    /// "On this page": links to the page's sections, empty on a short page.
    pub contents: Vec<Link>,
    /// A course given several times: its runs to come or running, earliest first (the one
    /// shown above is marked `lead`), then its past runs, most recent first. Empty otherwise.
    pub runs: Vec<RunRow>,
    pub past_runs: Vec<RunRow>,
}

/// One run of a course in the page's table of dates.
#[derive(Serialize)]
pub struct RunRow {
    pub code: String,
    pub dates: String,
    /// The language of `dates` when they are a `starts_note` another translation gives.
    pub dates_lang: Option<LangMark>,
    /// Where its sessions take place (the locations the note gives, in order, each once), each
    /// with its language when it is not the page's.
    pub places: Vec<PlaceView>,
    pub application: ApplicationView,
    /// The run the page's facts and apply button are about.
    pub lead: bool,
}

#[derive(Serialize, Clone)]
pub struct ApplicationView {
    pub state: &'static str,
    /// While closing soon: the instant the line's count of days left changes next (RFC 3339,
    /// UTC), before which the state script leaves the line as built.
    pub line_until: Option<String>,
    pub label: String,
    /// The line under the button: "Applications close in 5 days — 25 August 2025".
    pub line: String,
    pub url: Option<String>,
    pub button: String,
    /// The deadline the note states, as shown ("Application deadline" in the facts).
    pub deadline: Option<String>,
    /// Machine-readable instants for the state script (RFC 3339, UTC): the last instant
    /// applications are accepted (the deadline, else the second before the course starts),
    /// and the first.
    pub deadline_iso: Option<String>,
    pub opens_iso: Option<String>,
    /// Without a deadline, applications are open until the course starts: its start, as in
    /// "until the course starts on 8 September 2025" (the state script's `data-until-start`).
    pub until_start: Option<String>,
    /// The course's time zone, in which the state script counts the days left (`data-tz`).
    pub tz: Option<String>,
    pub selection_html: Option<String>,
}

#[derive(Serialize)]
/// A notice as lists show it (home, notices list) and as its own page's heading.
pub struct NoticeCard {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub kind: String,
    pub kind_id: String,
    pub expired: bool,
    /// The last instant it is current (RFC 3339, UTC), for the state script.
    pub expires_at: Option<String>,
    /// Its place in the site's order of notices (newest first), for the state script.
    pub rank: usize,
    pub other_lang: Option<String>,
    pub other_lang_code: Option<String>,
}

/// One `<option>` of a filter.
#[derive(Serialize, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The filter form of the catalogue (`catalogue.html`): options in the page's language and the
/// URLs the script needs.
#[derive(Serialize, Clone)]
pub struct FilterForm {
    /// The catalogue's first page: the form's action.
    pub action: String,
    /// The course data (`index.json`).
    pub data: String,
    /// `find.js`, which runs the filters and the search.
    pub script: String,
    pub topics: Vec<Choice>,
    pub modalities: Vec<Choice>,
    pub languages: Vec<Choice>,
    /// Countries of the courses' sessions, by name (empty: no country filter).
    pub countries: Vec<Choice>,
    /// Places of the courses' in-person sessions (empty: no place filter).
    pub places: Vec<Choice>,
    pub months: Vec<Choice>,
}
