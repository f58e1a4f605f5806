//! The URL scheme of SPEC, in one place. Paths are root-relative and start with the base URL's
//! path (for sites served below a folder); `abs` makes them absolute.

use crate::model::SiteConfig;

pub struct Urls<'a> {
    pub config: &'a SiteConfig,
    /// `config.base_path()`, found once (every URL starts with it).
    base: &'a str,
}

impl<'a> Urls<'a> {
    pub fn new(config: &'a SiteConfig) -> Self {
        Urls {
            config,
            base: config.base_path(),
        }
    }

    fn p(&self, path: &str) -> String {
        self.cat(&[path])
    }

    /// The base path followed by `parts`, in one allocation: the builder of every URL (a
    /// course's card, page, calendars and links ask for its URL dozens of times a build, and
    /// two `format!` a URL were a fortieth of the build's instructions).
    fn cat(&self, parts: &[&str]) -> String {
        let len = self.base.len() + parts.iter().map(|p| p.len()).sum::<usize>();
        let mut s = String::with_capacity(len);
        s.push_str(self.base);
        for p in parts {
            s.push_str(p);
        }
        s
    }

    pub fn abs(&self, path: &str) -> String {
        let origin_end = self.config.base_url.len() - self.base.len();
        format!("{}{path}", &self.config.base_url[..origin_end])
    }

    pub fn root(&self) -> String {
        self.p("/")
    }
    pub fn home(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/"])
    }
    pub fn catalogue(&self, lang: &str, page: usize) -> String {
        if page <= 1 {
            self.cat(&["/", lang, "/courses/"])
        } else {
            self.cat(&["/", lang, "/courses/page/", &page.to_string(), "/"])
        }
    }
    /// A page of the finished courses (`[catalogue] past = "archive"`).
    pub fn past(&self, lang: &str, page: usize) -> String {
        if page <= 1 {
            self.cat(&["/", lang, "/courses/past/"])
        } else {
            self.cat(&["/", lang, "/courses/past/page/", &page.to_string(), "/"])
        }
    }
    pub fn course(&self, lang: &str, slug: &str) -> String {
        self.cat(&["/", lang, "/courses/", slug, "/"])
    }
    pub fn course_ics(&self, lang: &str, slug: &str, code: &str) -> String {
        self.cat(&["/", lang, "/courses/", slug, "/", code, ".ics"])
    }
    pub fn topic(&self, lang: &str, topic: &str, page: usize) -> String {
        if page <= 1 {
            self.cat(&["/", lang, "/topics/", topic, "/"])
        } else {
            self.cat(&[
                "/",
                lang,
                "/topics/",
                topic,
                "/page/",
                &page.to_string(),
                "/",
            ])
        }
    }
    pub fn topic_ics(&self, lang: &str, topic: &str) -> String {
        self.cat(&["/", lang, "/topics/", topic, "/calendar.ics"])
    }
    pub fn calendar(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/calendar/"])
    }
    /// A month's page of a split calendar (not in SPEC's list: see `calendar::split_months`).
    pub fn calendar_month(&self, lang: &str, year: i32, month: u32) -> String {
        self.p(&format!("/{lang}/calendar/{year:04}-{month:02}/"))
    }
    /// Page `page` of a month's page (a month with more entries than `[catalogue] page_size`
    /// is split like the catalogue: `…/<yyyy>-<mm>/page/2/`).
    pub fn calendar_month_page(&self, lang: &str, year: i32, month: u32, page: usize) -> String {
        if page <= 1 {
            self.calendar_month(lang, year, month)
        } else {
            self.p(&format!(
                "/{lang}/calendar/{year:04}-{month:02}/page/{page}/"
            ))
        }
    }
    pub fn calendar_ics(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/calendar.ics"])
    }
    pub fn notices(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/notices/"])
    }
    /// Page `page` of the notices list (`/<lang>/notices/page/2/`, as the catalogue's).
    pub fn notices_page(&self, lang: &str, page: usize) -> String {
        if page <= 1 {
            self.notices(lang)
        } else {
            self.cat(&["/", lang, "/notices/page/", &page.to_string(), "/"])
        }
    }
    pub fn notice(&self, lang: &str, slug: &str) -> String {
        self.cat(&["/", lang, "/notices/", slug, "/"])
    }
    pub fn atom(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/notices/atom.xml"])
    }
    pub fn courses_atom(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/courses/atom.xml"])
    }
    pub fn page(&self, lang: &str, path: &str) -> String {
        if path.is_empty() {
            self.home(lang)
        } else {
            self.cat(&["/", lang, "/", path, "/"])
        }
    }
    pub fn asset(&self, name: &str) -> String {
        self.cat(&["/", name])
    }
    pub fn filter_data(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/courses/index.json"])
    }
    pub fn search(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/search/"])
    }
    pub fn search_data(&self, lang: &str) -> String {
        self.cat(&["/", lang, "/search/index.json"])
    }

    /// The output file for a root-relative URL: `/en/courses/` → `en/courses/index.html`.
    pub fn file_of(&self, url: &str) -> String {
        let path = url.strip_prefix(self.base).unwrap_or(url);
        let path = path.trim_start_matches('/');
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}
