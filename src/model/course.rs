//! Courses, notices, pages and the shared data they refer to.

use super::{Admission, Alias, Lang, Localized, Texts, When};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modality {
    Online,
    FaceToFace,
    Blended,
    /// Online and in person at the same time: each participant chooses (unlike blended,
    /// whose phases come one after the other).
    Hybrid,
    SelfPaced,
}

impl Modality {
    pub const ALL: [&'static str; 5] =
        ["online", "face-to-face", "blended", "hybrid", "self-paced"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "online" => Modality::Online,
            "face-to-face" => Modality::FaceToFace,
            "blended" => Modality::Blended,
            "hybrid" => Modality::Hybrid,
            "self-paced" => Modality::SelfPaced,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            Modality::Online => "online",
            Modality::FaceToFace => "face-to-face",
            Modality::Blended => "blended",
            Modality::Hybrid => "hybrid",
            Modality::SelfPaced => "self-paced",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Status {
    #[default]
    Scheduled,
    Cancelled,
    Postponed,
    Full,
}

impl Status {
    pub const ALL: [&'static str; 4] = ["scheduled", "cancelled", "postponed", "full"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "scheduled" => Status::Scheduled,
            "cancelled" => Status::Cancelled,
            "postponed" => Status::Postponed,
            "full" => Status::Full,
            _ => return None,
        })
    }

    /// Whether the course takes applications: not when it is cancelled, postponed or full
    /// (SPEC "Now": its application is then `unavailable`). Its deadline is then no date to
    /// apply by: pages and the calendar page do not show it (its `.ics` event stays, for
    /// subscribers, with the course's status and no reminder).
    pub fn takes_applications(self) -> bool {
        self == Status::Scheduled
    }

    /// Whether the course's sessions still take place on their dates: not when it is cancelled
    /// or postponed (the calendar page lists such a session once, in its first month).
    pub fn keeps_dates(self) -> bool {
        matches!(self, Status::Scheduled | Status::Full)
    }

    pub fn id(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Cancelled => "cancelled",
            Status::Postponed => "postponed",
            Status::Full => "full",
        }
    }
}

/// `starts`: a course (later, a run of it) that states no dates because it starts whenever
/// participants are ready. It has no sessions, shows its `starts_note` (or these words) where
/// dates would be, and stays out of every list ordered or filtered by date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Starts {
    /// Starts again and again ("every Monday", "at the start of each month").
    Rolling,
    /// Starts when a group or an organisation asks for it.
    OnRequest,
}

impl Starts {
    pub const ALL: [&'static str; 2] = ["rolling", "on-request"];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "rolling" => Starts::Rolling,
            "on-request" => Starts::OnRequest,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            Starts::Rolling => "rolling",
            Starts::OnRequest => "on-request",
        }
    }
}

/// The language-neutral part of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFacts {
    /// When the session starts: its first meeting (a repeating session never skips it).
    pub start: When,
    /// When the session ends; for a repeating session, when its *first* meeting ends
    /// ([`SessionFacts::last_end`] is when the session ends).
    pub end: When,
    pub modality: Option<Modality>,
    /// ISO 3166-1 alpha-2 ("DE"), as `cldr::territories` knows it.
    pub country: Option<String>,
    /// A weekly rhythm: the session meets on these weekdays until a day (`repeat`).
    pub repeat: Option<super::Repeat>,
}

impl SessionFacts {
    /// Every meeting of the session in the course's zone `tz` ([`super::repeat::meetings`]).
    pub fn meetings(&self, tz: Tz) -> Vec<super::Meeting> {
        super::repeat::meetings(&self.start, &self.end, self.repeat.as_ref(), tz)
    }

    /// When the session's last meeting ends.
    pub fn last_end(&self) -> &When {
        self.repeat.as_ref().map_or(&self.end, |r| &r.last_end)
    }
}

/// The earliest start of `sessions` (in `tz`): when a course (or a run of it) starts.
pub fn first_start(sessions: &[SessionFacts], tz: Tz) -> Option<&When> {
    sessions
        .iter()
        .map(|s| &s.start)
        .min_by_key(|w| w.start_instant(tz))
}

/// The latest end of `sessions` (in `tz`): when a course (or a run of it) ends.
pub fn last_end(sessions: &[SessionFacts], tz: Tz) -> Option<&When> {
    sessions
        .iter()
        .map(SessionFacts::last_end)
        .max_by_key(|w| w.end_instant(tz))
}

/// A session's text in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionText {
    pub name: Option<String>,
    pub location: Option<String>,
}

/// A text of a course that a translation may take from another one when its own file leaves
/// it out ([`CourseText::borrowed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TextField {
    Summary,
    Workload,
    Credential,
    Objectives,
    FeeIncludes,
    Scholarships,
    /// The fee's own label (`fee.label`).
    FeeLabel,
    /// The labels of the fee's further amounts (`fee.lines`, taken as a whole).
    FeeLines,
    /// The names and "for whom" of the price options (`fee.options`, taken as a whole).
    FeeOptions,
    Selection,
    StartsNote,
    SessionName(usize),
    SessionLocation(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    pub min_days: u32,
    pub refund_percent: u32,
}

/// A cancellation policy: tiers of refund by days before the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub id: Option<String>,
    pub notice: Option<Localized>,
    pub tiers: Vec<Tier>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: Option<String>,
    pub name: Localized,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<Localized>,
    pub url: Option<String>,
}

/// Someone who teaches a course: an entry of data/people.toml, or written in the course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: Option<String>,
    pub name: Localized,
    /// What they do in the course or where they work ("Senior trainer, ILO").
    pub role: Option<Localized>,
    pub url: Option<String>,
    /// A photo: a file in the course's own folder (a bundle), by name.
    pub photo: Option<String>,
}

/// A reference to shared data by id, or the data written inline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ref<T> {
    Id(String),
    Inline(T),
}

/// Amounts are kept as whole numbers of ten-thousandths of the currency's unit
/// ([`AMOUNT_SCALE`]): every ISO 4217 minor unit (none for JPY, hundredths for EUR,
/// thousandths for BHD or KWD, ten-thousandths for CLF) is a whole number of them, so an
/// amount read before its currency is known (a translation may state the currency for the
/// others) is exact whatever the currency; the fee rules then refuse the decimals a currency
/// does not have (`validate::course`, from the `iso_currency` crate's minor units).
pub const AMOUNT_DECIMALS: usize = 4;
/// 10^[`AMOUNT_DECIMALS`].
pub const AMOUNT_SCALE: i64 = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fee {
    /// The main price in [`AMOUNT_SCALE`] units; `None`: the fee is on request.
    pub amount: Option<i64>,
    pub currency: String,
    /// Further lines (e.g. subsistence), same currency, in [`AMOUNT_SCALE`] units.
    pub lines: Vec<i64>,
    /// Other prices one may pay instead of the main one (early booking, sponsored
    /// participants), in the note's order.
    pub options: Vec<FeeOption>,
}

/// A price option (`[[fee.options]]`): its texts are `CourseText::fee_options`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeOption {
    /// In [`AMOUNT_SCALE`] units.
    pub amount: i64,
    /// The last day (or instant) the price applies, for early booking.
    pub until: Option<When>,
}

impl FeeOption {
    /// Whether the option can still be taken at `now` (until the end of its `until` day).
    pub fn current(&self, tz: Tz, now: DateTime<Utc>) -> bool {
        self.until.is_none_or(|u| now <= u.end_instant(tz))
    }
}

impl Fee {
    /// The prices one can pay at `now`, lowest first and each once: the main amount and every
    /// option not ended. Empty when the fee is on request.
    pub fn current_prices(&self, tz: Tz, now: DateTime<Utc>) -> Vec<i64> {
        let mut p: Vec<i64> = self
            .amount
            .into_iter()
            .chain(
                self.options
                    .iter()
                    .filter(|o| o.current(tz, now))
                    .map(|o| o.amount),
            )
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    }

    /// The instants after `now` at which an option ends (the prices change), in order.
    pub fn changes_after(&self, tz: Tz, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut v: Vec<DateTime<Utc>> = self
            .options
            .iter()
            .filter_map(|o| o.until.map(|u| u.end_instant(tz)))
            .filter(|t| *t >= now)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// A price option's text in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeeOptionText {
    pub name: String,
    /// Who the price is for ("sponsored participants").
    pub for_whom: Option<String>,
}

/// Text of a course in one language; missing fields already filled from a sibling.
#[derive(Clone, Debug, Default)]
pub struct CourseText {
    /// Index of the file this language's page comes from (into `Site::files`).
    pub file: usize,
    pub title: String,
    pub summary: Option<String>,
    pub workload: Option<String>,
    /// What participants receive at the end ("Certificate of achievement"): `credential`.
    pub credential: Option<String>,
    /// A page about the course elsewhere ("More information"), apart from the application.
    pub website: Option<String>,
    pub objectives: Vec<String>,
    pub sessions: Vec<SessionText>,
    /// When a course without dates starts, in words ("Every Monday"), with `Course::starts`.
    pub starts_note: Option<String>,
    pub fee_label: Option<String>,
    pub fee_line_labels: Vec<String>,
    pub fee_options: Vec<FeeOptionText>,
    pub fee_includes: Vec<String>,
    pub scholarships: Option<String>,
    pub selection: Option<String>,
    /// Byte offset of the body in the file, for diagnostics from Markdown.
    pub body_offset: usize,
    pub aliases: Vec<Alias>,
    /// The texts this language's file leaves out and takes from another translation, with
    /// that translation's language (pages mark them with it).
    pub borrowed: BTreeMap<TextField, Lang>,
}

impl CourseText {
    /// The language `field`'s text is written in when it is not this translation's own.
    pub fn borrowed(&self, field: TextField) -> Option<&str> {
        self.borrowed.get(&field).map(String::as_str)
    }
}

#[derive(Clone, Debug)]
pub struct Course {
    pub code: String,
    /// File name without language suffix: the URL segment.
    pub slug: String,
    pub modality: Modality,
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    /// `page_languages`: the only languages the course has pages in, on purpose (no
    /// missing-translation warning for the site's others); empty: every site language.
    pub page_languages: Vec<String>,
    pub tz: Tz,
    pub status: Status,
    /// How many participants the course takes (`capacity`).
    pub capacity: Option<u32>,
    pub draft: bool,
    pub sessions: Vec<SessionFacts>,
    /// The total study hours the note states (`hours`), the same in every language.
    pub hours: Option<u32>,
    /// Set for a course that starts on a rolling basis or on request (it has no sessions).
    pub starts: Option<Starts>,
    /// How participants are chosen; when they apply, until when (resolved in assembly).
    pub admission: Admission,
    pub fee: Option<Fee>,
    pub cancellation: Option<Policy>,
    pub contacts: Vec<Contact>,
    pub instructors: Vec<Person>,
    /// The languages this course has a page in.
    pub texts: Texts<CourseText>,
    /// The runs of a course given several times (`[[runs]]`), each a course of one run: the
    /// course's texts and facts with the run's code, sessions, status, starts, admission, fee
    /// and session texts, and no runs of its own. Earliest first (runs without dates last).
    /// Empty for a course of one run, which is its own run; for a course with runs, the fields
    /// of the run above (`sessions`, `status`, `starts`, `admission`, `fee`) are its first
    /// run's. Read them through [`Course::runs`] or [`Course::lead`].
    pub runs: Vec<Course>,
    /// Where a run of `[[runs]]` is written (its code, else its table): for rules across the
    /// site (a run code used twice). `None` for a course.
    pub run_at: Option<crate::diag::Spot>,
    /// Folder of a bundle (`courses/<slug>/index.md`), relative to `content/`, whose other files
    /// are copied beside the page.
    pub bundle: Option<String>,
}

impl Course {
    /// The text a page in `lang` shows, with its language (another one when the course has no
    /// page in `lang`): [`Texts::pick`] in the site's order (`SiteConfig::text_order`).
    pub fn text_for<'a>(&'a self, lang: &str, order: &[Lang]) -> (&'a str, &'a CourseText) {
        self.texts.pick(lang, order)
    }

    /// Every run of the course: the course itself when it has no `[[runs]]`.
    pub fn runs(&self) -> &[Course] {
        if self.runs.is_empty() {
            std::slice::from_ref(self)
        } else {
            &self.runs
        }
    }

    /// The run a visitor is shown first at `now` (the one rule, for pages, cards, lists and the
    /// course's state): the earliest run that accepts applications; else the earliest that has
    /// not ended (or has no dates) and is not cancelled; else the earliest not ended; else the
    /// last one.
    pub fn lead(&self, now: DateTime<Utc>) -> &Course {
        let runs = self.runs();
        let ended = |r: &Course| r.last_end().is_some_and(|e| e.end_instant(r.tz) < now);
        runs.iter()
            .find(|r| crate::state::admission(&r.admission, r.status, now).accepts())
            .or_else(|| {
                runs.iter()
                    .find(|r| !ended(r) && r.status != Status::Cancelled)
            })
            .or_else(|| runs.iter().find(|r| !ended(r)))
            .or_else(|| runs.last())
            .unwrap_or(self)
    }

    /// Whether the course has `[[runs]]` (several runs, or one written as a run).
    pub fn has_runs(&self) -> bool {
        !self.runs.is_empty()
    }

    /// The application form and its dates, when visitors apply.
    pub fn application(&self) -> Option<&super::Application> {
        self.admission.application()
    }

    /// The application deadline the note states, if any.
    pub fn deadline(&self) -> Option<&super::Closes> {
        self.application()?.deadline()
    }

    pub fn first_start(&self) -> Option<&When> {
        first_start(&self.sessions, self.tz)
    }

    pub fn last_end(&self) -> Option<&When> {
        last_end(&self.sessions, self.tz)
    }
}

#[derive(Clone, Debug)]
pub struct Notice {
    pub slug: String,
    pub date: When,
    pub expires: Option<When>,
    pub kind: String,
    pub draft: bool,
    pub related_courses: Vec<String>,
    pub contacts: Vec<Contact>,
    pub texts: Texts<PageText>,
}

/// The text of a notice or a plain page in one language.
#[derive(Clone, Debug)]
pub struct PageText {
    pub file: usize,
    pub title: String,
    pub summary: Option<String>,
    pub body_offset: usize,
    pub aliases: Vec<Alias>,
}

/// A plain page (about, contact…) or a section's `_index.md` text.
#[derive(Clone, Debug)]
pub struct Page {
    /// Path below the language prefix, without slashes around: `about`, `legal/privacy`;
    /// empty for the home page's `_index.md`.
    pub path: String,
    pub weight: i64,
    pub menu: bool,
    pub draft: bool,
    /// `_index.md` of a section: its text introduces the section's list page.
    pub is_section_index: bool,
    pub texts: Texts<PageText>,
}
