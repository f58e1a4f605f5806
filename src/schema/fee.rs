//! The fields of a course's `[fee]`: its lines and price options.

use super::{fact, list, required, text, Field, Kind};

pub const FEE_LINE: &[Field] = &[
    text(
        "label",
        Kind::Line,
        "What it is for",
        "e.g. \"Subsistence in Abidjan for 5 nights\".",
    ),
    required(fact(
        "amount",
        Kind::Amount,
        "Amount",
        "A number in the fee's currency, e.g. 1500.",
    )),
];

/// A price option: `[[fee.options]]`.
pub const FEE_OPTION: &[Field] = &[
    required(text(
        "name",
        Kind::Line,
        "Name of the price",
        "e.g. \"Early booking\" or \"Sponsored participants\".",
    )),
    required(fact(
        "amount",
        Kind::Amount,
        "Amount",
        "A number in the fee's currency, e.g. 1500; 0 means free.",
    )),
    fact(
        "until",
        Kind::When,
        "Until",
        "Optional: the last day this price applies (early booking); after it, visitors no longer see it as a current price.",
    ),
    text(
        "for",
        Kind::Line,
        "For whom",
        "Optional: who may pay this price, e.g. \"participants sponsored by their employer\".",
    ),
];

pub const FEE: &[Field] = &[
    fact(
        "amount",
        Kind::Amount,
        "Amount",
        "The main price as a number (1860 or 1250.50); 0 means free. Leave it out only when the fee is on request.",
    ),
    fact(
        "currency",
        Kind::Currency,
        "Currency",
        "The three-letter code: EUR, USD, CHF, XOF… Required with an amount.",
    ),
    fact(
        "on_request",
        Kind::Flag,
        "Fee on request",
        "Tick it (on_request = true) when the price is given on request: write no amount then.",
    ),
    text(
        "label",
        Kind::Line,
        "Label of the amount",
        "Optional: what the main amount is, e.g. \"Tuition\".",
    ),
    list(
        text(
            "includes",
            Kind::Texts,
            "What the fee includes",
            "One item per line of the list.",
        ),
        "item",
    ),
    text(
        "scholarships",
        Kind::Markdown,
        "Scholarships",
        "Optional: scholarships or fee waivers (Markdown).",
    ),
    list(
        text(
            "lines",
            Kind::Groups(FEE_LINE),
            "Further amounts",
            "Extra amounts shown under the main price (subsistence, travel); not added into it.",
        ),
        "amount",
    ),
    list(
        fact(
            "options",
            Kind::Groups(FEE_OPTION),
            "Price options",
            "Other prices one may pay instead of the main amount: early booking until a date, a price for some participants. Cards show the lowest current price (\"from €1,500\").",
        ),
        "price option",
    ),
];
