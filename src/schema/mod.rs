//! The front matter's fields, described once: every key of a course, notice and page, with its
//! kind, whether it is a fact (the same in every translation) or a text (per language), whether
//! it is required, and the words staff see for it. The loader reads exactly these keys (its
//! unknown-key check and did-you-mean suggestions use this list, and a debug check stops any
//! accessor reading a key that is not here), and the browser editor's form is generated from
//! it (`crate::editor`). A new field is one line here, then its reading in `load/`.

use crate::load::course::By;
use crate::model::{Modality, Starts, Status};

/// Whether a value is the same in every translation or written per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Language-neutral: translations inherit it and must agree on it.
    Fact,
    /// Written per language; a translation that leaves it out shows another's.
    Text,
}

/// Which data file an id refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Data {
    Topics,
    Contacts,
    Policies,
    People,
}

/// What a value is, which decides its TOML shape and the editor's widget.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Plain text that may run over several lines (a summary).
    Paragraph,
    /// Markdown text.
    Markdown,
    /// A code of letters, digits, `-`, `_` and `.` (an activity code).
    Code,
    /// The end of a code: letters, digits, `-`, `_` and `.`, which may come first (`-2`).
    Suffix,
    /// An absolute `http(s)://` address, or also `mailto:` when `mailto`.
    Link { mailto: bool },
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
    /// A date, or a date and time (in the course's time zone, or with an offset).
    When,
    /// A sum of money: a number with at most two decimals.
    Amount,
    /// A whole number in a range.
    Whole { min: i64, max: i64 },
    /// `true` or `false`.
    Flag,
    /// A list of texts.
    Texts,
    /// A list of old addresses of the page (`/en/courses/old/`).
    Aliases,
    /// One of fixed values.
    Choice(&'static [&'static str]),
    /// One notice kind: any lowercase id; the editor offers those the theme has a label for.
    NoticeKind,
    /// Ids from a data file: one (`many = false`), or a list. Where `inline` is given, a table
    /// of those fields may be written in the file instead (an inline policy or contacts).
    Ids {
        data: Data,
        many: bool,
        inline: Option<&'static [Field]>,
    },
    /// A list of course codes.
    CourseCodes,
    /// A list of language codes (BCP 47).
    LanguageTags,
    /// An IANA time-zone name.
    TimeZone,
    /// An ISO 4217 currency code.
    Currency,
    /// Days of the week (`["tue", "thu"]`).
    Weekdays,
    /// A list of dates (`[2026-04-07]`).
    Dates,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A table: `[application]`.
    Group(&'static [Field]),
    /// A list of tables: `[[sessions]]`, or `tiers = [{…}, {…}]`.
    Groups(&'static [Field]),
}

/// One key of the front matter.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub lang: Lang,
    /// The editor requires it (inside an optional table: when the table is there).
    pub required: bool,
    /// The field's name in the editor.
    pub label: &'static str,
    /// A sentence or two under the field, from docs/authors.md.
    pub hint: &'static str,
    /// For a list: the name of one item ("Add session"); empty otherwise.
    pub one: &'static str,
}

const fn fact(key: &'static str, kind: Kind, label: &'static str, hint: &'static str) -> Field {
    Field {
        key,
        kind,
        lang: Lang::Fact,
        required: false,
        label,
        hint,
        one: "",
    }
}

const fn text(key: &'static str, kind: Kind, label: &'static str, hint: &'static str) -> Field {
    Field {
        key,
        kind,
        lang: Lang::Text,
        required: false,
        label,
        hint,
        one: "",
    }
}

/// A list whose items the editor names `one`.
const fn list(f: Field, one: &'static str) -> Field {
    Field { one, ..f }
}

const fn required(f: Field) -> Field {
    Field {
        required: true,
        ..f
    }
}

pub const SESSION: &[Field] = &[
    text("name", Kind::Line, "Name of the phase", "Optional, e.g. \"Online phase\"."),
    required(fact("start", Kind::When, "First day", "The first day; add a time only for a session that starts at a set hour.")),
    required(fact("end", Kind::When, "Last day", "The last day, included: from Monday 24 to Friday 28 November, the last day is 28 November.")),
    fact("modality", Kind::Choice(&Modality::ALL), "Format of this phase", "Only if it differs from the course's format."),
    text("location", Kind::Line, "Location", "\"eCampus\", or the city and venue of a face-to-face phase."),
    fact("country", Kind::Country, "Country", "Where a face-to-face phase takes place, as the country's two-letter ISO 3166-1 code (\"DE\" for Germany): pages name it in their language and the catalogue filters by it."),
    fact("repeat", Kind::Group(REPEAT), "Meets every week", "Only for a session that meets on the same days every week (evening classes): then the first day and last day above are the first meeting, with its hours."),
    fact("except", Kind::Dates, "No meeting on", "Meeting days on which the session does not meet (a public holiday), e.g. 2026-04-07."),
];

/// `repeat` of a session: its weekly rhythm.
pub const REPEAT: &[Field] = &[
    required(fact("days", Kind::Weekdays, "Days", "The days of the week the session meets.")),
    fact("until", Kind::When, "Until", "The last day a meeting can fall on; or give the number of meetings instead."),
    fact("count", Kind::Whole { min: 1, max: crate::load::repeat::MAX_COUNT }, "Number of meetings", "Instead of the last day: how many meetings there are (days in \"No meeting on\" not counted)."),
];

pub const APPLICATION: &[Field] = &[
    fact("by", Kind::Choice(&By::ALL), "How participants get in", "\"application\" (the default): visitors apply with the form; \"nomination\": participants are nominated, there is no form (explain it in Selection, and leave the address and dates empty)."),
    text("url", Kind::Link { mailto: true }, "Application form", "The address of the form in this language (https://…), or mailto:courses@example.org."),
    fact("opens", Kind::When, "Applications open", "Optional: the first day applications are accepted. Before the deadline."),
    fact("deadline", Kind::When, "Application deadline", "The last day to apply: a date closes at the end of that day in the course's time zone. Not after the first session's start."),
];

mod fee;
pub use fee::{FEE, FEE_LINE, FEE_OPTION};

/// One run of a course: `[[runs]]`. The same facts as a course of one run states at its top,
/// plus the run's own code.
pub const RUN: &[Field] = &[
    fact("code", Kind::Code, "Code of this run", "Optional: this run's activity code written whole, e.g. A9718007-B. Unique on the site."),
    fact("suffix", Kind::Suffix, "Code suffix", "Optional, instead of Code: added to the course's code to make this run's, e.g. \"-2\" gives A9718007-2. A run with neither has the course's code (only one run may)."),
    fact("status", Kind::Choice(&Status::ALL), "Status", "scheduled (the default); cancelled, postponed and full close this run's applications."),
    list(fact("sessions", Kind::Groups(SESSION), "Sessions", "This run's sessions or phases, in date order."), "session"),
    fact("starts", Kind::Choice(&Starts::ALL), "Starts without set dates", "Only for a run with no sessions: \"rolling\" or \"on-request\"."),
    text("starts_note", Kind::Line, "When it starts", "With `starts`: shown instead of dates."),
    fact("application", Kind::Group(APPLICATION), "Application", "Where and until when visitors apply to this run."),
    fact("fee", Kind::Group(FEE), "Fee", "Only if this run costs something else than the course's fee."),
];

pub const TIER: &[Field] = &[
    required(fact(
        "min_days",
        Kind::Whole {
            min: 0,
            max: crate::load::values::MAX_DAYS,
        },
        "Days before the start",
        "From this many days before the first session's start…",
    )),
    required(fact(
        "refund_percent",
        Kind::Whole { min: 0, max: 100 },
        "Refund (%)",
        "…this share of the fee is refunded: 100 = all, 0 = nothing.",
    )),
];

/// A cancellation policy: an entry of data/policies.toml, or a course's `[cancellation]`.
pub const POLICY: &[Field] = &[
    text(
        "notice",
        Kind::Markdown,
        "Notice",
        "Markdown text shown above the refund dates.",
    ),
    list(
        required(fact(
            "tiers",
            Kind::Groups(TIER),
            "Refund tiers",
            "From the most days before the start down to a last tier at 0 days (each tier fewer days than the one before); the refund, 0 to 100 %, never grows as the start approaches.",
        )),
        "tier",
    ),
];

/// A contact: an entry of data/contacts.toml, or a course's `[[contacts]]`.
pub const CONTACT: &[Field] = &[
    required(text(
        "name",
        Kind::Line,
        "Name",
        "A team or a role rather than a person.",
    )),
    fact("email", Kind::Email, "E-mail", "office@example.org"),
    fact(
        "phone",
        Kind::Phone,
        "Phone",
        "In international form: +39 011 693 6111.",
    ),
    text(
        "address",
        Kind::Line,
        "Address",
        "Postal address on one line.",
    ),
    fact("url", Kind::Link { mailto: false }, "Web page", "https://…"),
];

/// Someone who teaches: an entry of data/people.toml, or a course's `[[instructors]]`.
pub const PERSON: &[Field] = &[
    required(text(
        "name",
        Kind::Line,
        "Name",
        "As the person writes it, e.g. \"Ana Pereira\".",
    )),
    text(
        "role",
        Kind::Line,
        "Role",
        "What they do in the course or where they work, in this language: \"Senior trainer, ILO\".",
    ),
    fact("url", Kind::Link { mailto: false }, "Web page", "Optional: their page, https://…"),
    fact(
        "photo",
        Kind::Line,
        "Photo",
        "Only for a course written as a folder: the name of an image file in that folder, e.g. \"pereira.jpg\".",
    ),
];

const TOPICS: Field = fact(
    "topics",
    Kind::Ids {
        data: Data::Topics,
        many: true,
        inline: None,
    },
    "Topics",
    "The course appears on each topic's page.",
);
const CONTACTS: Field = list(
    fact(
        "contacts",
        Kind::Ids {
            data: Data::Contacts,
            many: true,
            inline: Some(CONTACT),
        },
        "Contacts",
        "Who visitors can ask (from data/contacts.toml).",
    ),
    "contact",
);
const DRAFT: Field = fact(
    "draft",
    Kind::Flag,
    "Draft",
    "A draft is not published; `prospectus serve --drafts` shows it.",
);
const ALIASES: Field = list(
    text(
        "aliases",
        Kind::Aliases,
        "Old addresses",
        "Old addresses of this page that should lead here, each like /en/courses/old-name/.",
    ),
    "address",
);

pub const COURSE: &[Field] = &[
    required(fact("code", Kind::Code, "Activity code", "Letters and digits (and - _ .), e.g. A9718007: the same in every language, unique on the site.")),
    required(text("title", Kind::Line, "Title", "The course's title in this language.")),
    text("summary", Kind::Paragraph, "Summary", "One or two sentences for the catalogue, search results and link previews."),
    TOPICS,
    required(fact("modality", Kind::Choice(&Modality::ALL), "Format", "online (tutored, with dates), face-to-face, blended (online and in-person phases one after the other), hybrid (online and in person at the same time: each participant chooses) or self-paced (no dates).")),
    fact("languages", Kind::LanguageTags, "Taught in", "The languages the course is taught in (not the language of this page)."),
    fact("page_languages", Kind::LanguageTags, "Pages only in", "Only for a course written in some of the site's languages on purpose, e.g. [\"fr\"]: the languages it has pages in. No warning about the others; it is still listed in every language, marked \"Page in French\"."),
    text("workload", Kind::Line, "Workload", "Free text, e.g. \"8 weeks, about 6 hours per week\"."),
    fact("hours", Kind::Whole { min: 1, max: crate::load::course::MAX_HOURS }, "Study hours", "The total hours a participant studies, e.g. 30; leave it out when the note does not say."),
    text("credential", Kind::Line, "Credential", "What participants receive at the end, e.g. \"Certificate of achievement\"."),
    text("website", Kind::Link { mailto: false }, "More information", "Optional: a page about the course elsewhere (its programme on the centre's main site), in this language: https://… Shown as a \"More information\" link, apart from the application form."),
    fact("timezone", Kind::TimeZone, "Time zone", "The zone the dates and deadline are read in, if not the site's."),
    fact("capacity", Kind::Whole { min: 1, max: crate::load::values::MAX_CAPACITY }, "Places", "How many participants the course takes, e.g. 25: shown on its page (set status = \"full\" when they are all taken)."),
    fact("status", Kind::Choice(&Status::ALL), "Status", "scheduled (the default); cancelled, postponed and full close applications at once."),
    DRAFT,
    list(text("objectives", Kind::Texts, "Learning objectives", "One objective per item; **bold**, *italics* and links are allowed."), "objective"),
    text("selection", Kind::Markdown, "Selection", "For courses without an application form: how participants are chosen or nominated."),
    list(fact("sessions", Kind::Groups(SESSION), "Sessions", "One per session or phase, in date order; none for a self-paced course, nor for one that starts on a rolling basis or on request."), "session"),
    fact("starts", Kind::Choice(&Starts::ALL), "Starts without set dates", "Only for a course with no sessions: \"rolling\" (it starts again and again, e.g. every Monday) or \"on-request\" (it starts when a group asks for it)."),
    text("starts_note", Kind::Line, "When it starts", "With `starts`: shown instead of dates, e.g. \"Every Monday\" or \"For groups of 10 or more, on request\"."),
    fact("application", Kind::Group(APPLICATION), "Application", "Where and until when visitors apply."),
    fact("fee", Kind::Group(FEE), "Fee", "The price; leave it out when the course says nothing about a fee."),
    list(fact("runs", Kind::Groups(RUN), "Runs", "Only for a course given several times: one per run, each with its sessions, application and status (then leave Sessions, Starts, Status and Application above empty)."), "run"),
    fact("cancellation", Kind::Ids { data: Data::Policies, many: false, inline: Some(POLICY) }, "Cancellation policy", "The refund terms (from data/policies.toml)."),
    CONTACTS,
    list(fact("instructors", Kind::Ids { data: Data::People, many: true, inline: Some(PERSON) }, "Instructors", "Who teaches the course: ids from data/people.toml, or [[instructors]] tables with name, role, url and photo."), "instructor"),
    ALIASES,
];

pub const NOTICE: &[Field] = &[
    required(text("title", Kind::Line, "Title", "The headline.")),
    text(
        "summary",
        Kind::Paragraph,
        "Summary",
        "One or two sentences for lists and the news feed.",
    ),
    required(fact(
        "date",
        Kind::When,
        "Publication date",
        "Notices are listed newest first.",
    )),
    fact(
        "expires",
        Kind::When,
        "Expires",
        "After this day the notice leaves the current lists; its page stays, marked as archived.",
    ),
    fact(
        "kind",
        Kind::NoticeKind,
        "Kind",
        "news (the default), announcement, call-for-tender…",
    ),
    DRAFT,
    fact(
        "related_courses",
        Kind::CourseCodes,
        "Related courses",
        "The notice links to these courses and their pages link back.",
    ),
    CONTACTS,
    ALIASES,
];

pub const PAGE: &[Field] = &[
    required(text("title", Kind::Line, "Title", "The page title.")),
    text(
        "summary",
        Kind::Paragraph,
        "Summary",
        "A sentence for search engines and link previews.",
    ),
    DRAFT,
    fact(
        "weight",
        Kind::Whole {
            min: i64::MIN,
            max: i64::MAX,
        },
        "Menu order",
        "Smaller numbers come first in the menu (About is 10, Contact 20).",
    ),
    fact(
        "menu",
        Kind::Flag,
        "In the main menu",
        "Show the page in the main menu.",
    ),
    ALIASES,
];

impl Field {
    /// The fields of a table value (`Group`, `Groups`, or the inline form of `Ids`).
    pub fn sub_fields(&self) -> Option<&'static [Field]> {
        match self.kind {
            Kind::Group(f) | Kind::Groups(f) => Some(f),
            Kind::Ids { inline, .. } => inline,
            _ => None,
        }
    }
}

/// The field `key` of a table's fields.
pub fn find(fields: &'static [Field], key: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.key == key)
}

/// The keys of a table's fields, in order.
pub fn keys(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.key).collect()
}

/// Whether `key` is written at the top of a course, notice or page with a plain value (not as a
/// `[table]`): found inside a table, it was most likely written below a `[table]` line by
/// mistake.
pub fn is_top_level_value(key: &str) -> bool {
    [COURSE, NOTICE, PAGE].iter().any(|fields| {
        find(fields, key).is_some_and(|f| !matches!(f.kind, Kind::Group(_) | Kind::Groups(_)))
    })
}

/// Debug check of the loader against this description: every key a table's reader asked for
/// is described here, and every key described here was asked for (else a key would be offered
/// by the editor and silently dropped, or read and not offered). `table` names it in the panic.
#[cfg(debug_assertions)]
pub fn check_read(table: &str, fields: &[Field], read: &[&str]) {
    let mut described: Vec<&str> = keys(fields);
    let mut asked: Vec<&str> = read.to_vec();
    described.sort_unstable();
    asked.sort_unstable();
    asked.dedup();
    assert_eq!(
        asked, described,
        "the loader's keys for {table:?} differ from src/schema/mod.rs: add the field there"
    );
}

#[cfg(test)]
mod tests;
