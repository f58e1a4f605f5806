//! The schema.org types and properties the build writes, each property with the kind of value
//! it takes and whether it is required: the table [`super::check`] reads.

/// What a property's value must be.
#[derive(Clone, Copy, Debug)]
pub(super) enum Kind {
    /// Non-empty text.
    Text,
    /// An absolute `http(s)://` URL.
    Url,
    /// `YYYY-MM-DD`.
    Date,
    /// An RFC 3339 instant.
    DateTime,
    /// An ISO 8601 duration (`PT30H`, `P2W`).
    Duration,
    /// A local time of day, `HH:MM:SS`.
    Time,
    /// A number ≥ 0, or such a number written as text (`"1250.50"`).
    Price,
    /// A whole number ≥ 1.
    Count,
    /// A BCP 47 language tag.
    Lang,
    /// An ISO 4217 currency code.
    Currency,
    OneOf(&'static [&'static str]),
    /// An object whose `@type` is one of these.
    Node(&'static [&'static str]),
}

#[derive(Clone, Copy)]
pub(super) struct Prop {
    pub(super) name: &'static str,
    pub(super) kind: Kind,
    pub(super) required: bool,
    /// A list of values is allowed (one value is always allowed).
    pub(super) many: bool,
}

const fn opt(name: &'static str, kind: Kind) -> Prop {
    Prop {
        name,
        kind,
        required: false,
        many: false,
    }
}

const fn req(name: &'static str, kind: Kind) -> Prop {
    Prop {
        required: true,
        ..opt(name, kind)
    }
}

const fn many(p: Prop) -> Prop {
    Prop { many: true, ..p }
}

const CATEGORIES: &[&str] = &["Free", "Partially Free", "Subscription", "Paid"];
const AVAILABILITY: &[&str] = &[
    "https://schema.org/InStock",
    "https://schema.org/SoldOut",
    "https://schema.org/PreOrder",
    "https://schema.org/LimitedAvailability",
];
const MODES: &[&str] = &["Online", "Onsite", "Blended"];
const EVENT_STATUS: &[&str] = &[
    "https://schema.org/EventScheduled",
    "https://schema.org/EventCancelled",
    "https://schema.org/EventPostponed",
    "https://schema.org/EventRescheduled",
];
/// `byDay` of a `Schedule`: schema.org's `DayOfWeek` values.
pub const DAYS: &[&str] = &[
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

/// The types a block may hold, and their properties.
pub(super) const TYPES: &[(&str, &[Prop])] = &[
    (
        "Course",
        &[
            opt("@id", Kind::Url),
            req("name", Kind::Text),
            req("description", Kind::Text),
            opt("courseCode", Kind::Text),
            req("url", Kind::Url),
            req("provider", Kind::Node(&["Organization"])),
            many(opt("inLanguage", Kind::Lang)),
            many(opt("image", Kind::Url)),
            opt("educationalCredentialAwarded", Kind::Text),
            many(opt("offers", Kind::Node(&["Offer"]))),
            many(opt("hasCourseInstance", Kind::Node(&["CourseInstance"]))),
            many(opt("sameAs", Kind::Url)),
        ],
    ),
    (
        "Organization",
        &[
            req("name", Kind::Text),
            opt("url", Kind::Url),
            many(opt("sameAs", Kind::Url)),
        ],
    ),
    (
        "Offer",
        &[
            opt("url", Kind::Url),
            opt("name", Kind::Text),
            opt("description", Kind::Text),
            opt("category", Kind::OneOf(CATEGORIES)),
            opt("price", Kind::Price),
            opt("priceCurrency", Kind::Currency),
            opt(
                "priceSpecification",
                Kind::Node(&["CompoundPriceSpecification"]),
            ),
            opt("validFrom", Kind::DateTime),
            opt("validThrough", Kind::DateTime),
            opt("availability", Kind::OneOf(AVAILABILITY)),
        ],
    ),
    (
        "CompoundPriceSpecification",
        &[many(req(
            "priceComponent",
            Kind::Node(&["UnitPriceSpecification"]),
        ))],
    ),
    (
        "UnitPriceSpecification",
        &[
            opt("name", Kind::Text),
            req("price", Kind::Price),
            req("priceCurrency", Kind::Currency),
        ],
    ),
    (
        "CourseInstance",
        &[
            // A hybrid course is both Online and Onsite.
            many(req("courseMode", Kind::OneOf(MODES))),
            opt("name", Kind::Text),
            opt("startDate", Kind::Date),
            opt("endDate", Kind::Date),
            opt("courseWorkload", Kind::Duration),
            many(opt("courseSchedule", Kind::Node(&["Schedule"]))),
            many(opt("inLanguage", Kind::Lang)),
            many(opt("location", Kind::Node(&["Place", "VirtualLocation"]))),
            opt("eventStatus", Kind::OneOf(EVENT_STATUS)),
            opt("maximumAttendeeCapacity", Kind::Count),
            many(opt("instructor", Kind::Node(&["Person"]))),
            // A run of a course given several times: its own price and application.
            many(opt("offers", Kind::Node(&["Offer"]))),
        ],
    ),
    (
        "Person",
        &[
            req("name", Kind::Text),
            opt("jobTitle", Kind::Text),
            opt("url", Kind::Url),
            opt("image", Kind::Url),
        ],
    ),
    (
        "Schedule",
        &[
            opt("duration", Kind::Duration),
            // schema.org: a Duration (`P1W`), or Google's words (`Weekly`).
            opt("repeatFrequency", Kind::Duration),
            opt("repeatCount", Kind::Count),
            opt("startDate", Kind::Date),
            opt("endDate", Kind::Date),
            many(opt("byDay", Kind::OneOf(DAYS))),
            opt("startTime", Kind::Time),
            opt("endTime", Kind::Time),
            opt("scheduleTimezone", Kind::Text),
            many(opt("exceptDate", Kind::Date)),
        ],
    ),
    (
        "Place",
        &[req("name", Kind::Text), req("address", Kind::Text)],
    ),
    (
        "VirtualLocation",
        &[req("url", Kind::Url), opt("name", Kind::Text)],
    ),
    (
        "BreadcrumbList",
        &[many(req("itemListElement", Kind::Node(&["ListItem"])))],
    ),
    (
        "ItemList",
        &[
            opt("name", Kind::Text),
            many(req("itemListElement", Kind::Node(&["ListItem"]))),
        ],
    ),
    (
        "ListItem",
        &[
            req("position", Kind::Count),
            opt("name", Kind::Text),
            opt("item", Kind::Url),
            opt("url", Kind::Url),
        ],
    ),
    (
        "Article",
        &[
            req("headline", Kind::Text),
            req("datePublished", Kind::DateTime),
            opt("inLanguage", Kind::Lang),
            req("url", Kind::Url),
            req("publisher", Kind::Node(&["Organization"])),
            req("author", Kind::Node(&["Organization"])),
            opt("description", Kind::Text),
            opt("expires", Kind::DateTime),
        ],
    ),
];
