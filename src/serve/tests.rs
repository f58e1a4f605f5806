//! Unit tests of `serve`.

#[test]
#[ignore]
fn probe_prepare_costs() {
    use std::time::Instant;
    let mut opts = crate::Options::new("/tmp/cat5000", crate::parse_now("2025-08-20").unwrap());
    let cache = crate::render::BodyCache::default();
    opts.render.body_cache = Some(cache.clone());
    let mut d = crate::diag::Diagnostics::new();
    let site = crate::load_site(&opts, &mut d).unwrap();
    for round in 0..4 {
        let t = Instant::now();
        let _ = crate::render::templates::compile(&site.theme.templates);
        let tc = t.elapsed();
        let t = Instant::now();
        let _ = crate::i18n::resolve(&site.theme.i18n, &site.config.languages, &site.config.default_language, &mut d);
        let ti = t.elapsed();
        let t = Instant::now();
        let ctx = crate::render::prepare(&site, opts.now, opts.render.clone(), &mut d).unwrap();
        let tp = t.elapsed();
        let t = Instant::now();
        let jobs = crate::render::jobs(&ctx);
        let tj = t.elapsed();
        let t = Instant::now();
        drop(ctx);
        let td = t.elapsed();
        let t = Instant::now();
        let nc = crate::state::next_change(&site.courses, &site.notices, site.config.timezone, opts.now);
        let tn = t.elapsed();
        eprintln!("round {round}: compile {tc:?} i18n {ti:?} prepare {tp:?} jobs {tj:?} ({}) drop ctx {td:?} next_change {tn:?} {nc:?}", jobs.len());
    }
}
