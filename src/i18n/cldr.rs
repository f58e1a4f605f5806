//! Interim formatting until the CLDR module lands.
pub fn is_valid_language_tag(code: &str) -> bool {
    !code.is_empty()
        && code
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
pub fn currency_is_known(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
}
pub fn long_date(_lang: &str, date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
pub fn day_month(_lang: &str, date: chrono::NaiveDate) -> String {
    date.format("%-d %B").to_string()
}
pub fn month_year(_lang: &str, year: i32, month: u32) -> String {
    format!("{month}/{year}")
}
pub fn time(_lang: &str, t: chrono::NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
pub fn money(_lang: &str, minor: i64, currency: &str) -> String {
    format!("{} {currency}", minor / 100)
}
pub fn language_name(_display: &str, code: &str) -> String {
    code.to_string()
}
pub fn first_weekday(_lang: &str) -> chrono::Weekday {
    chrono::Weekday::Mon
}
