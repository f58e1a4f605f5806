//! Assembling one course, notice or page from its translation files.

use super::facts::{merge, Stated};
use crate::diag::{Diagnostic, Diagnostics, SourceText};
use crate::load::course::CourseFile;
use crate::load::items::{NoticeFile, PageFile};
use crate::load::{Parsed, SourceFile};
use crate::model::*;
use std::collections::BTreeMap;
use toml::Spanned;

pub struct Ctx<'a> {
    pub files: &'a [SourceFile],
    pub config: &'a SiteConfig,
    pub data: &'a Data,
    /// Drafts are published too (`--drafts`).
    pub drafts: bool,
}

impl Ctx<'_> {
    /// Whether a file's text is published. The facts of a draft translation still belong to
    /// its item (a translation marked draft must not change what the published ones show),
    /// but its texts are used nowhere and its required texts are not asked for.
    pub(super) fn published(&self, file: usize) -> bool {
        self.drafts || !super::is_draft(&self.files[file])
    }

    /// Points at the opening `+++` of a file (for what is missing from the whole file).
    fn head(&self, file: usize) -> SourceText<'_> {
        self.files[file].whole()
    }

    fn src(&self, file: usize) -> SourceText<'_> {
        self.files[file].source()
    }

    fn missing(&self, d: &mut Diagnostics, file: usize, what: &str, hint: &str) {
        d.push(
            Diagnostic::error("missing-field", format!("`{what}` is required"))
                .at(&self.head(file), 0..3)
                .with_hint(hint.to_string()),
        );
    }
}

/// Whether `key` was written, or misspelt (`titel`): the unknown-key error then says it all,
/// and a second "is required" error would only confuse.
fn written(keys: &[String], key: &str) -> bool {
    keys.iter()
        .any(|k| k == key || crate::diag::nearest(k, [key]).is_some())
}

pub(super) fn stated<T: Clone>(file: usize, v: &Option<Spanned<T>>) -> Option<Stated<T>> {
    v.as_ref().map(|s| Stated {
        file,
        span: s.span(),
        value: s.get_ref().clone(),
    })
}

fn strings(v: &Spanned<Vec<Spanned<String>>>) -> Vec<String> {
    v.get_ref().iter().map(|s| s.get_ref().clone()).collect()
}

fn list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// First text among the files (already in language priority order) for which `get` gives one.
pub(super) fn text_from<'a, T: Clone + 'a>(
    own: Option<&'a T>,
    all: &[(usize, &'a CourseFile)],
    get: impl Fn(&'a CourseFile) -> Option<&'a T>,
) -> Option<T> {
    own.or_else(|| all.iter().find_map(|(_, c)| get(c)))
        .cloned()
}

fn aliases(ctx: &Ctx<'_>, file: usize, v: &[Spanned<String>]) -> Vec<Alias> {
    v.iter()
        .map(|a| Alias {
            path: a.get_ref().clone(),
            at: ctx.src(file).spot(a.span()),
        })
        .collect()
}

pub fn course(ctx: &Ctx<'_>, slug: &str, idx: &[usize], d: &mut Diagnostics) -> Option<Course> {
    let errors_before = d.error_count();
    let cf: Vec<(usize, &CourseFile)> = idx
        .iter()
        .filter_map(|&i| match &ctx.files[i].parsed {
            Parsed::Course(c) => Some((i, &**c)),
            _ => None,
        })
        .collect();
    // The files whose texts are published (the others are drafts: facts only).
    let texts_of: Vec<(usize, &CourseFile)> = cf
        .iter()
        .copied()
        .filter(|(i, _)| ctx.published(*i))
        .collect();
    for (i, c) in &texts_of {
        if c.code.is_none() && !written(&c.keys, "code") {
            ctx.missing(d, *i, "code", "every course file needs the course's activity code, e.g. code = \"A9718007\" (the same in every translation)");
        }
        if c.title.is_none() && !written(&c.keys, "title") {
            ctx.missing(
                d,
                *i,
                "title",
                "every course file needs a title in its own language, e.g. title = \"…\"",
            );
        }
    }
    let files = ctx.files;
    let code = merge(
        files,
        "code",
        cf.iter().filter_map(|(i, c)| stated(*i, &c.code)).collect(),
        |v| format!("\"{v}\""),
        d,
    );
    let modality = merge(
        files,
        "modality",
        cf.iter()
            .filter_map(|(i, c)| stated(*i, &c.modality))
            .collect(),
        |m| format!("\"{}\"", m.id()),
        d,
    );
    let topics = merge(
        files,
        "topics",
        cf.iter()
            .filter_map(|(i, c)| {
                c.topics.as_ref().map(|t| Stated {
                    file: *i,
                    span: t.span(),
                    value: strings(t),
                })
            })
            .collect(),
        |v| list(v),
        d,
    );
    let languages = merge(
        files,
        "languages",
        cf.iter()
            .filter_map(|(i, c)| {
                c.languages.as_ref().map(|t| Stated {
                    file: *i,
                    span: t.span(),
                    value: strings(t),
                })
            })
            .collect(),
        |v| list(v),
        d,
    );
    let tz = merge(
        files,
        "timezone",
        cf.iter()
            .filter_map(|(i, c)| stated(*i, &c.timezone))
            .collect(),
        |z| format!("\"{}\"", z.name()),
        d,
    );
    let status = merge(
        files,
        "status",
        cf.iter()
            .filter_map(|(i, c)| stated(*i, &c.status))
            .collect(),
        |s| format!("\"{}\"", s.id()),
        d,
    );
    let sessions = merge(
        files,
        "sessions",
        cf.iter()
            .filter_map(|(i, c)| {
                c.sessions.as_ref().map(|s| Stated {
                    file: *i,
                    span: s.span(),
                    value: s
                        .get_ref()
                        .iter()
                        .map(|x| {
                            (
                                x.start.as_ref().map(|v| *v.get_ref()),
                                x.end.as_ref().map(|v| *v.get_ref()),
                                x.modality.as_ref().map(|v| *v.get_ref()),
                            )
                        })
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        |v| {
            v.iter()
                .map(|(s, e, _)| {
                    format!(
                        "{}–{}",
                        s.map(|w| w.to_string()).unwrap_or_default(),
                        e.map(|w| w.to_string()).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
        d,
    );
    let fees: Vec<(usize, &crate::load::course::FeeFile)> = cf
        .iter()
        .filter_map(|(i, c)| c.fee.as_ref().map(|f| (*i, f)))
        .collect();
    let amount = merge(
        files,
        "fee.amount",
        fees.iter()
            .filter_map(|(i, f)| stated(*i, &f.amount))
            .collect(),
        |a| crate::load::values::amount_text(*a),
        d,
    );
    let currency = merge(
        files,
        "fee.currency",
        fees.iter()
            .filter_map(|(i, f)| stated(*i, &f.currency))
            .collect(),
        |c| format!("\"{c}\""),
        d,
    );
    let line_amounts = merge(
        files,
        "fee.lines amounts",
        fees.iter()
            .filter_map(|(i, f)| {
                f.lines.as_ref().map(|l| Stated {
                    file: *i,
                    span: l.span(),
                    value: l
                        .get_ref()
                        .iter()
                        .map(|(_, a)| *a.get_ref())
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        |v| {
            let amounts: Vec<String> = v
                .iter()
                .map(|a| crate::load::values::amount_text(*a))
                .collect();
            format!("[{}]", amounts.join(", "))
        },
        d,
    );
    let cancellation = merge(
        files,
        "cancellation",
        cf.iter()
            .filter_map(|(i, c)| stated(*i, &c.cancellation))
            .collect(),
        |r| match r {
            Ref::Id(id) => format!("\"{id}\""),
            Ref::Inline(_) => "an inline policy".into(),
        },
        d,
    );
    let contacts = merge(
        files,
        "contacts",
        cf.iter()
            .filter_map(|(i, c)| {
                c.contacts.as_ref().map(|v| Stated {
                    file: *i,
                    span: v.span(),
                    value: v
                        .get_ref()
                        .iter()
                        .map(|r| r.get_ref().clone())
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        |v| format!("{} contact(s)", v.len()),
        d,
    );

    let (code, _) = code?;
    let first_file = cf.first()?.0;
    let Some((modality, _)) = modality else {
        // A modality written but refused (`"Online"`) has its own error.
        if !cf.iter().any(|(_, c)| written(&c.keys, "modality")) {
            ctx.missing(d, first_file, "modality", "state how the course is taught in at least one translation: modality = \"online\" (or face-to-face, blended, self-paced)");
        }
        return None;
    };
    let tz = tz.map_or(ctx.config.timezone, |(z, _)| z);
    let topics_at = topics.as_ref().map(|(_, o)| o.clone());
    let topics = topics.map(|(t, _)| t).unwrap_or_default();
    if let Some(origin) = &topics_at {
        let known: Vec<&str> = ctx.data.topics.keys().map(String::as_str).collect();
        for (i, c) in &cf {
            if *i != origin.file {
                continue;
            }
            for t in c.topics.iter().flat_map(|v| v.get_ref()) {
                if !ctx.data.topics.contains_key(t.get_ref())
                    && !t.get_ref().contains(crate::scaffold::UNFILLED)
                    && !ctx.data.failed.contains("topics.toml")
                {
                    d.push(
                        Diagnostic::error(
                            "unknown-topic",
                            format!(
                                "topic \"{}\" is not defined in data/topics.toml",
                                t.get_ref()
                            ),
                        )
                        .at(&ctx.src(*i), t.span())
                        .with_hint(crate::diag::suggest(
                            t.get_ref(),
                            &known,
                            "topics",
                        )),
                    );
                }
            }
        }
    }
    // Sessions: facts from the agreed list, text per language.
    let mut session_facts = Vec::new();
    if let Some((list, origin)) = &sessions {
        let file_sessions = cf
            .iter()
            .find(|(i, _)| *i == origin.file)
            .and_then(|(_, c)| c.sessions.as_ref());
        for (n, (start, end, m)) in list.iter().enumerate() {
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            let fs = file_sessions.and_then(|s| s.get_ref().get(n));
            if end.date_in(tz) < start.date_in(tz) || end.end_instant(tz) < start.start_instant(tz)
            {
                if let Some(e) = fs.and_then(|s| s.end.as_ref()) {
                    d.push(
                        Diagnostic::error(
                            "session-end-before-start",
                            format!("this session ends ({end}) before it starts ({start})"),
                        )
                        .at(&ctx.src(origin.file), e.span())
                        .with_hint("`end` is the last day of the session, on or after `start`"),
                    );
                }
            } else if (end.date_in(tz) - start.date_in(tz)).num_days()
                > crate::load::values::MAX_SESSION_DAYS
            {
                // A slip in a year (2925 for 2025): the calendars would list the session in
                // every month of nine centuries.
                if let Some(e) = fs.and_then(|s| s.end.as_ref()) {
                    d.push(
                        Diagnostic::error(
                            "session-too-long",
                            format!("this session lasts from {start} to {end}, more than ten years"),
                        )
                        .at(&ctx.src(origin.file), e.span())
                        .with_hint("check the year of `end`; a programme of more than ten years is written as several sessions"),
                    );
                }
            }
            session_facts.push(SessionFacts {
                start: *start,
                end: *end,
                modality: *m,
            });
        }
    }
    // Sessions written but refused (`[sessions]` for `[[sessions]]`) have their own error.
    let sessions_written = cf.iter().any(|(_, c)| {
        c.sessions.as_ref().is_some_and(|s| !s.get_ref().is_empty())
            || (c.sessions.is_none() && written(&c.keys, "sessions"))
    });
    if session_facts.is_empty() && modality != Modality::SelfPaced && !sessions_written {
        let at = sessions.as_ref().map_or(first_file, |(_, o)| o.file);
        d.push(
            Diagnostic::error("no-sessions", "this course has no sessions")
                .at(&ctx.head(at), 0..3)
                .with_hint("add a [[sessions]] table with start = … and end = …, or set modality = \"self-paced\""),
        );
    }
    let admission = super::application::admission(ctx, &cf, &session_facts, tz, d);
    if let (Some((_, origin)), Some((currency, _))) = (&amount, &currency) {
        whole_units(ctx, currency, origin, fees.as_slice(), d);
    }
    let fee = match (amount, currency) {
        (Some((amount, _)), Some((currency, _))) => Some(Fee {
            amount,
            currency,
            lines: line_amounts.map(|(l, _)| l).unwrap_or_default(),
        }),
        (Some((amount, origin)), None) if amount > 0 => {
            d.push(
                Diagnostic::error(
                    "missing-field",
                    "`currency` is required in [fee] when there is an amount",
                )
                .at(&ctx.src(origin.file), origin.span)
                .with_hint("add currency = \"EUR\" (ISO 4217 code)"),
            );
            None
        }
        (Some((amount, _)), None) => Some(Fee {
            amount,
            currency: String::new(),
            lines: Vec::new(),
        }),
        (None, _) => {
            if let Some((i, f)) = fees
                .first()
                .filter(|_| !fees.iter().any(|(_, f)| f.amount_written))
            {
                d.push(
                    Diagnostic::error("missing-field", "`amount` is required in [fee]")
                        .at(&ctx.src(*i), f.span.clone())
                        .with_hint("write amount = 0 for a free course"),
                );
            }
            None
        }
    };
    let cancellation = cancellation.and_then(|(r, origin)| resolve_policy(ctx, r, &origin, d));
    let contacts = contacts
        .map(|(v, origin)| resolve_contacts(ctx, v, &origin, d))
        .unwrap_or_default();
    let languages = languages.map(|(l, _)| l).unwrap_or_default();

    let cf = texts_of;
    let mut texts = BTreeMap::new();
    for (i, c) in &cf {
        let f = &ctx.files[*i];
        let n_sessions = session_facts.len();
        let sess_texts = (0..n_sessions)
            .map(|n| {
                let own = c.sessions.as_ref().and_then(|s| s.get_ref().get(n));
                let other = |get: fn(&crate::load::course::SessionFile) -> Option<&String>| {
                    own.and_then(get)
                        .or_else(|| {
                            cf.iter().find_map(|(_, o)| {
                                o.sessions
                                    .as_ref()
                                    .and_then(|s| s.get_ref().get(n))
                                    .and_then(get)
                            })
                        })
                        .cloned()
                };
                SessionText {
                    name: other(|s| s.name.as_ref()),
                    location: other(|s| s.location.as_ref()),
                }
            })
            .collect();
        let fee_own = c.fee.as_ref();
        let line_labels: Vec<String> = {
            let own = fee_own.and_then(|f| f.lines.as_ref());
            let any = own.or_else(|| {
                cf.iter()
                    .find_map(|(_, o)| o.fee.as_ref().and_then(|f| f.lines.as_ref()))
            });
            any.map(|l| {
                l.get_ref()
                    .iter()
                    .map(|(lab, _)| lab.clone().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default()
        };
        texts.insert(
            f.meta.lang.clone(),
            CourseText {
                file: *i,
                title: c.title.clone().unwrap_or_default(),
                summary: text_from(c.summary.as_ref(), &cf, |o| o.summary.as_ref()),
                workload: text_from(c.workload.as_ref(), &cf, |o| o.workload.as_ref()),
                objectives: text_from(c.objectives.as_ref(), &cf, |o| o.objectives.as_ref())
                    .unwrap_or_default(),
                sessions: sess_texts,
                fee_label: text_from(fee_own.and_then(|f| f.label.as_ref()), &cf, |o| {
                    o.fee.as_ref().and_then(|f| f.label.as_ref())
                }),
                fee_line_labels: line_labels,
                fee_includes: text_from(fee_own.and_then(|f| f.includes.as_ref()), &cf, |o| {
                    o.fee.as_ref().and_then(|f| f.includes.as_ref())
                })
                .unwrap_or_default(),
                scholarships: text_from(fee_own.and_then(|f| f.scholarships.as_ref()), &cf, |o| {
                    o.fee.as_ref().and_then(|f| f.scholarships.as_ref())
                }),
                selection: text_from(c.selection.as_ref(), &cf, |o| o.selection.as_ref()),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &c.aliases),
            },
        );
    }
    if d.error_count() > errors_before {
        return None;
    }
    Some(Course {
        code,
        slug: slug.to_string(),
        modality,
        topics,
        languages,
        tz,
        status: status.map(|(s, _)| s).unwrap_or_default(),
        draft: cf.iter().any(|(_, c)| c.draft == Some(true)),
        sessions: session_facts,
        admission,
        fee,
        cancellation,
        contacts,
        texts: Texts::new(texts)?,
        bundle: cf
            .iter()
            .find_map(|(i, _)| ctx.files[*i].meta.bundle.clone()),
    })
}

fn resolve_policy(
    ctx: &Ctx<'_>,
    r: Ref<Policy>,
    origin: &Origin,
    d: &mut Diagnostics,
) -> Option<Policy> {
    match r {
        Ref::Inline(p) => Some(p),
        Ref::Id(id)
            if id.contains(crate::scaffold::UNFILLED)
                || ctx.data.refused.contains(&id)
                || ctx.data.failed.contains("policies.toml") =>
        {
            None
        }
        Ref::Id(id) => match ctx.data.policies.get(&id) {
            Some(p) => Some(p.clone()),
            None => {
                let known: Vec<&str> = ctx.data.policies.keys().map(String::as_str).collect();
                d.push(
                    Diagnostic::error(
                        "unknown-policy",
                        format!(
                            "cancellation policy \"{id}\" is not defined in data/policies.toml"
                        ),
                    )
                    .at(&ctx.src(origin.file), origin.span.clone())
                    .with_hint(crate::diag::suggest(&id, &known, "policies")),
                );
                None
            }
        },
    }
}

fn resolve_contacts(
    ctx: &Ctx<'_>,
    refs: Vec<Ref<Contact>>,
    origin: &Origin,
    d: &mut Diagnostics,
) -> Vec<Contact> {
    let known: Vec<&str> = ctx.data.contacts.keys().map(String::as_str).collect();
    let mut out = Vec::new();
    for r in refs {
        match r {
            Ref::Inline(c) => out.push(c),
            Ref::Id(id)
                if id.contains(crate::scaffold::UNFILLED)
                    || ctx.data.refused.contains(&id)
                    || ctx.data.failed.contains("contacts.toml") => {}
            Ref::Id(id) => match ctx.data.contacts.get(&id) {
                Some(c) => out.push(c.clone()),
                None => {
                    // Point at the id itself inside the list when it can be found.
                    let src = ctx.src(origin.file);
                    let list = &src.text[(src.base + origin.span.start).min(src.text.len())
                        ..(src.base + origin.span.end).min(src.text.len())];
                    let span = list
                        .find(&format!("\"{id}\""))
                        .map_or(origin.span.clone(), |p| {
                            origin.span.start + p..origin.span.start + p + id.len() + 2
                        });
                    d.push(
                        Diagnostic::error(
                            "unknown-contact",
                            format!("contact \"{id}\" is not defined in data/contacts.toml"),
                        )
                        .at(&src, span)
                        .with_hint(crate::diag::suggest(&id, &known, "contacts")),
                    );
                }
            },
        }
    }
    out
}

pub fn notice(ctx: &Ctx<'_>, slug: &str, idx: &[usize], d: &mut Diagnostics) -> Option<Notice> {
    let errors_before = d.error_count();
    let nf: Vec<(usize, &NoticeFile)> = idx
        .iter()
        .filter_map(|&i| match &ctx.files[i].parsed {
            Parsed::Notice(n) => Some((i, n)),
            _ => None,
        })
        .collect();
    for (i, n) in nf.iter().filter(|(i, _)| ctx.published(*i)) {
        if n.title.is_none() && !written(&n.keys, "title") {
            ctx.missing(
                d,
                *i,
                "title",
                "every notice file needs a title, e.g. title = \"Call for tender: …\"",
            );
        }
    }
    let files = ctx.files;
    let date = merge(
        files,
        "date",
        nf.iter().filter_map(|(i, n)| stated(*i, &n.date)).collect(),
        ToString::to_string,
        d,
    );
    let expires = merge(
        files,
        "expires",
        nf.iter()
            .filter_map(|(i, n)| stated(*i, &n.expires))
            .collect(),
        ToString::to_string,
        d,
    );
    let kind = merge(
        files,
        "kind",
        nf.iter().filter_map(|(i, n)| stated(*i, &n.kind)).collect(),
        |k| format!("\"{k}\""),
        d,
    );
    let related = merge(
        files,
        "related_courses",
        nf.iter()
            .filter_map(|(i, n)| {
                n.related_courses.as_ref().map(|t| Stated {
                    file: *i,
                    span: t.span(),
                    value: strings(t),
                })
            })
            .collect(),
        |v| list(v),
        d,
    );
    let contacts = merge(
        files,
        "contacts",
        nf.iter()
            .filter_map(|(i, n)| {
                n.contacts.as_ref().map(|v| Stated {
                    file: *i,
                    span: v.span(),
                    value: v
                        .get_ref()
                        .iter()
                        .map(|r| r.get_ref().clone())
                        .collect::<Vec<_>>(),
                })
            })
            .collect(),
        |v| format!("{} contact(s)", v.len()),
        d,
    );
    let first = nf.first()?.0;
    let Some((date, _)) = date else {
        // A date written but refused (in quotes, out of range) has its own error.
        if !nf.iter().any(|(_, n)| written(&n.keys, "date")) {
            ctx.missing(
                d,
                first,
                "date",
                "a notice needs its publication date: date = 2025-08-01",
            );
        }
        return None;
    };
    if let (Some((exp, origin)), true) = (&expires, true) {
        if exp.end_instant(ctx.config.timezone) < date.start_instant(ctx.config.timezone) {
            d.push(
                Diagnostic::error(
                    "expires-before-date",
                    format!("the notice expires ({exp}) before it is published ({date})"),
                )
                .at(&ctx.src(origin.file), origin.span.clone())
                .with_hint("`expires` must be on or after `date`"),
            );
        }
    }
    if let Some((k, origin)) = &kind {
        if k.is_empty()
            || !k
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            d.push(
                Diagnostic::error("bad-value", format!("kind \"{k}\" must be a lowercase id such as news, announcement or call-for-tender"))
                    .at(&ctx.src(origin.file), origin.span.clone()),
            );
        }
    }
    let contacts = contacts
        .map(|(v, origin)| resolve_contacts(ctx, v, &origin, d))
        .unwrap_or_default();
    let nf: Vec<(usize, &NoticeFile)> = nf.into_iter().filter(|(i, _)| ctx.published(*i)).collect();
    let mut texts = BTreeMap::new();
    for (i, n) in &nf {
        let f = &ctx.files[*i];
        texts.insert(
            f.meta.lang.clone(),
            PageText {
                file: *i,
                title: n.title.clone().unwrap_or_default(),
                summary: n
                    .summary
                    .clone()
                    .or_else(|| nf.iter().find_map(|(_, o)| o.summary.clone())),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &n.aliases),
            },
        );
    }
    if d.error_count() > errors_before {
        return None;
    }
    Some(Notice {
        slug: slug.to_string(),
        date,
        expires: expires.map(|(e, _)| e),
        kind: kind.map_or_else(|| "news".to_string(), |(k, _)| k),
        draft: nf.iter().any(|(_, n)| n.draft == Some(true)),
        related_courses: related.map(|(r, _)| r).unwrap_or_default(),
        contacts,
        texts: Texts::new(texts)?,
    })
}

pub fn page(
    ctx: &Ctx<'_>,
    path: &str,
    section_index: bool,
    idx: &[usize],
    d: &mut Diagnostics,
) -> Option<Page> {
    let pf: Vec<(usize, &PageFile)> = idx
        .iter()
        .filter_map(|&i| match &ctx.files[i].parsed {
            Parsed::Page(p) => Some((i, p)),
            _ => None,
        })
        .collect();
    let mut ok = true;
    let mut texts = BTreeMap::new();
    for (i, p) in pf.iter().filter(|(i, _)| ctx.published(*i)) {
        if p.title.is_none() && !section_index && !written(&p.keys, "title") {
            ctx.missing(
                d,
                *i,
                "title",
                "every page needs a title, e.g. title = \"About us\"",
            );
            ok = false;
        }
        let f = &ctx.files[*i];
        texts.insert(
            f.meta.lang.clone(),
            PageText {
                file: *i,
                title: p.title.clone().unwrap_or_default(),
                summary: p.summary.clone(),
                body_offset: f.body_start,
                aliases: aliases(ctx, *i, &p.aliases),
            },
        );
    }
    if !ok || texts.is_empty() {
        return None;
    }
    Some(Page {
        path: path.to_string(),
        weight: pf.iter().find_map(|(_, p)| p.weight).unwrap_or(0),
        menu: pf.iter().any(|(_, p)| p.menu == Some(true)),
        draft: pf
            .iter()
            .any(|(i, p)| ctx.published(*i) && p.draft == Some(true)),
        is_section_index: section_index,
        texts: Texts::new(texts)?,
    })
}

/// Amounts of a currency without a minor unit (JPY, KRW, XOF: ISO 4217) are whole numbers:
/// `amount = 1500.50` with `currency = "JPY"` would show a price that cannot be paid.
fn whole_units(
    ctx: &Ctx<'_>,
    currency: &str,
    amount_at: &Origin,
    fees: &[(usize, &crate::load::course::FeeFile)],
    d: &mut Diagnostics,
) {
    if crate::i18n::cldr::minor_unit_digits(currency) != Some(0) {
        return;
    }
    let file = amount_at.file;
    let own = fees.iter().find(|(i, _)| *i == file).map(|(_, f)| f);
    let amounts = own.into_iter().flat_map(|f| {
        f.amount.iter().map(|a| (*a.get_ref(), a.span())).chain(
            f.lines
                .iter()
                .flat_map(|l| l.get_ref().iter().map(|(_, a)| (*a.get_ref(), a.span()))),
        )
    });
    for (hundredths, span) in amounts {
        if hundredths % 100 != 0 {
            d.push(
                Diagnostic::error(
                    "too-many-decimals",
                    format!(
                        "{currency} amounts are whole numbers: the currency has no smaller unit"
                    ),
                )
                .at(&ctx.src(file), span)
                .with_hint(format!(
                    "write the amount without decimals, e.g. amount = {}",
                    hundredths / 100
                )),
            );
        }
    }
}
