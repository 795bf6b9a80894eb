//! The user's local date, for the files Carnet dates (changelog, schema, ZIP entries).

/// Today in the user's time zone, ISO 8601 (`2026-11-28`).
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}
