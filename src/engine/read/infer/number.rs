//! Numbers written the French or the English way, and the decimal sign of a whole column.
//!
//! `29 440`, `29 440` (U+00A0), `29 440` (U+202F), `1.234,5`, `-14,5`, `12,5 %` with a
//! decimal comma; `1,234.5` with a decimal point. The sign is decided per column from all its
//! cells, so `1,234` is read the way the rest of the column reads.

use crate::engine::table::DecimalSign;

/// Spaces that group thousands: space, no-break space, narrow no-break space.
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

/// Splits a trailing percent sign off a cell: `("12,5", true)` for `12,5 %`.
pub fn strip_percent(cell: &str) -> (&str, bool) {
    let cell = crate::engine::text::trim(cell);
    match cell.as_bytes().last() {
        Some(b'%') => (cell[..cell.len() - 1].trim_end_matches(is_group_space), true),
        _ => (cell, false),
    }
}

/// The digits after the decimal sign `decimal` in a number cell (`71,0` → 1, `12,5 %` → 1,
/// `1 234` → 0).
pub fn fraction_digits(cell: &str, decimal: DecimalSign) -> u8 {
    let sign = match decimal {
        DecimalSign::Comma => b',',
        DecimalSign::Point => b'.',
    };
    let b = strip_percent(cell).0.trim_ascii().as_bytes();
    match b.iter().rposition(|&c| c == sign) {
        Some(at) => b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count().min(15) as u8,
        None => 0,
    }
}

/// Reads a number with the given decimal sign, the other sign and spaces grouping thousands
/// before it. A trailing `%` is accepted (the number is the percentage). `None` if the cell
/// is not a number.
pub fn parse(cell: &str, decimal: DecimalSign) -> Option<f64> {
    let (sign, group) = match decimal {
        DecimalSign::Comma => (',', '.'),
        DecimalSign::Point => ('.', ','),
    };
    let (cell, _) = strip_percent(cell);
    if cell.is_empty() || cell.len() > MAX_LEN {
        return None;
    }
    if let Some(v) = parse_plain(cell.as_bytes(), sign as u8) {
        return Some(v);
    }
    // The number rewritten for `str::parse`: digits, one `-`, one `.`; on the stack.
    let mut normal = [0u8; MAX_LEN];
    let mut len = 0;
    let mut push = |b: u8| {
        normal[len] = b;
        len += 1;
    };
    let mut seen_sign = false;
    let mut digits_since_group: Option<usize> = None;
    let mut lead = 0usize;
    let mut any_digit = false;
    for (i, c) in cell.char_indices() {
        match c {
            '0'..='9' => {
                push(c as u8);
                any_digit = true;
                digits_since_group = digits_since_group.map(|d| d + 1);
                if !seen_sign && digits_since_group.is_none() {
                    lead += 1;
                }
            }
            '-' | '+' if i == 0 => push(c as u8),
            '−' if i == 0 => push(b'-'),
            c if c == sign && !seen_sign => {
                if digits_since_group.is_some_and(|d| d != 3) {
                    return None;
                }
                seen_sign = true;
                digits_since_group = None;
                push(b'.');
            }
            c if (c == group || is_group_space(c)) && !seen_sign && i > 0 => {
                // The first group holds one to three digits, the others exactly three.
                if digits_since_group.is_some_and(|d| d != 3) || !(1..=3).contains(&lead) {
                    return None;
                }
                digits_since_group = Some(0);
            }
            _ => return None,
        }
    }
    if digits_since_group.is_some_and(|d| d != 3) || !any_digit {
        return None;
    }
    std::str::from_utf8(&normal[..len]).ok()?.parse().ok()
}

/// Powers of ten that are exact in an `f64`.
const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The fast path for the commonest cells: `[-]digits[<sign>digits]`, at most 15 digits, no
/// grouping. `n / 10^k` of two exact `f64`s is correctly rounded, as `str::parse` would be.
/// `None` sends the cell down the general path.
fn parse_plain(b: &[u8], sign: u8) -> Option<f64> {
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let (mut n, mut count, mut scale) = (0u64, 0usize, None::<usize>);
    for &d in digits {
        match d {
            b'0'..=b'9' => {
                n = n * 10 + u64::from(d - b'0');
                count += 1;
                if let Some(k) = scale.as_mut() {
                    *k += 1;
                }
            }
            d if d == sign && scale.is_none() => scale = Some(0),
            _ => return None,
        }
    }
    if count == 0 || count > 15 || scale == Some(0) {
        return None;
    }
    Some(plain_value(n, negative, scale.unwrap_or(0)))
}

/// The number written with the digits `n`, `decimals` of them after the decimal sign (at most
/// 15 digits in all): `n / 10^decimals` of two exact `f64`s, correctly rounded.
#[inline]
pub(crate) fn plain_value(n: u64, negative: bool, decimals: usize) -> f64 {
    let v = n as f64 / POW10[decimals];
    if negative { -v } else { v }
}

/// Longest cell read as a number.
const MAX_LEN: usize = 64;

/// What a column's cells say about its decimal sign.
#[derive(Clone, Debug, Default)]
pub struct SignEvidence {
    /// Cells that read as numbers one way or the other.
    pub numbers: usize,
    /// Cells with a `%`.
    pub percents: usize,
    comma_decimal: usize,
    point_decimal: usize,
    comma_only_ambiguous: usize,
    point_only_ambiguous: usize,
}

impl SignEvidence {
    /// Takes one non-missing cell; returns whether it reads as a number.
    pub fn add(&mut self, cell: &str) -> bool {
        // The commonest cells, `[-]digits` and `[-]digits<sign>digits`, classified without parsing.
        match plain_shape(cell.as_bytes()) {
            Shape::Whole => return self.add_plain(None, cell),
            Shape::Decimal(sign, decimals) => return self.add_plain(Some((sign, decimals)), cell),
            Shape::Other => {}
        }
        self.add_general(cell)
    }

    /// Takes a cell of the shape `[-]digits` (`fraction` is `None`) or `[-]digits<sign>digits`
    /// (`fraction` gives the sign's byte and the digits after it); returns `true`.
    #[inline]
    pub(crate) fn add_plain(&mut self, fraction: Option<(u8, usize)>, cell: &str) -> bool {
        match fraction {
            None => self.numbers += 1,
            // Three digits after a single sign may be a thousands group: the general reading.
            Some((_, 3)) => return self.add_general(cell),
            Some((sign, _)) => {
                self.numbers += 1;
                match sign {
                    b',' => self.comma_decimal += 1,
                    _ => self.point_decimal += 1,
                }
            }
        }
        true
    }

    /// Takes a cell of any other shape; returns whether it reads as a number.
    fn add_general(&mut self, cell: &str) -> bool {
        let (body, percent) = strip_percent(cell);
        let comma = parse(body, DecimalSign::Comma).is_some();
        let point = parse(body, DecimalSign::Point).is_some();
        if !comma && !point {
            return false;
        }
        self.numbers += 1;
        self.percents += usize::from(percent);
        let has_comma = body.contains(',');
        let has_point = body.contains('.');
        match (comma, point) {
            // Only one reading: it tells the sign, if the cell has one.
            (true, false) if has_comma || has_point => self.comma_decimal += 1,
            (false, true) if has_comma || has_point => self.point_decimal += 1,
            // `1,234` or `1.234`: three digits after a single sign read both ways.
            (true, true) if has_comma => self.comma_only_ambiguous += 1,
            (true, true) if has_point => self.point_only_ambiguous += 1,
            _ => {}
        }
        true
    }

    /// The column's decimal sign, or `None` for whole numbers. `hint` breaks a tie (the
    /// sign of the file's other columns); French files default to the comma.
    pub fn decide(&self, hint: Option<DecimalSign>) -> Option<DecimalSign> {
        if self.comma_decimal > 0 || self.point_decimal > 0 {
            return Some(if self.comma_decimal >= self.point_decimal {
                DecimalSign::Comma
            } else {
                DecimalSign::Point
            });
        }
        match (self.comma_only_ambiguous > 0, self.point_only_ambiguous > 0) {
            (false, false) => None,
            // `1.234` and `5,678` in one column: the comma is decimal only if the point groups.
            (true, true) => Some(hint.unwrap_or(DecimalSign::Comma)),
            (true, false) => Some(hint.unwrap_or(DecimalSign::Comma)),
            (false, true) => Some(hint.unwrap_or(DecimalSign::Point)),
        }
    }

    /// Whether the sign had to be guessed from `1,234`-like cells alone.
    pub fn ambiguous(&self) -> bool {
        self.comma_decimal == 0 && self.point_decimal == 0 && self.comma_only_ambiguous + self.point_only_ambiguous > 0
    }
}

/// The shape of a cell made only of digits, an optional leading `-` and one `,` or `.`.
enum Shape {
    /// `[-]digits`.
    Whole,
    /// `[-]digits<sign>digits`, with the sign and the number of digits after it.
    Decimal(u8, usize),
    /// Anything else.
    Other,
}

fn plain_shape(b: &[u8]) -> Shape {
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    if digits.is_empty() || digits.len() > 16 {
        return Shape::Other;
    }
    match digits.iter().position(|d| !d.is_ascii_digit()) {
        None => Shape::Whole,
        Some(i) if i > 0 && matches!(digits[i], b',' | b'.') && i + 1 < digits.len() => {
            let after = &digits[i + 1..];
            if after.iter().all(u8::is_ascii_digit) { Shape::Decimal(digits[i], after.len()) } else { Shape::Other }
        }
        Some(_) => Shape::Other,
    }
}

/// Whether a column with this sign has a fractional part anywhere: decides decimal vs integer.
pub fn has_fraction<'a>(cells: impl Iterator<Item = &'a str>, decimal: DecimalSign) -> bool {
    let sign = match decimal {
        DecimalSign::Comma => ',',
        DecimalSign::Point => '.',
    };
    cells.into_iter().any(|c| strip_percent(c).0.contains(sign))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSign::{Comma, Point};

    macro_rules! reads {
        ($name:ident, $cell:expr, $sign:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(parse($cell, $sign), $expected);
            }
        };
    }

    reads!(plain, "24820", Comma, Some(24820.0));
    reads!(plain_decimal, "-14,5", Comma, Some(-14.5));
    reads!(plain_point, "0.1", Point, Some(0.1));

    #[test]
    fn fast_path_agrees_with_str_parse() {
        for text in ["0,1", "123,456", "99999,99", "1,000000000000001", "48,0", "-0,3", "7"] {
            let english = text.replace(',', ".");
            assert_eq!(parse(text, Comma), english.parse::<f64>().ok(), "{text}");
        }
    }
    reads!(space_group, "29 440", Comma, Some(29440.0));
    reads!(nbsp_group, "29\u{A0}440,5", Comma, Some(29440.5));
    reads!(nnbsp_group, "1\u{202F}194\u{202F}040", Comma, Some(1_194_040.0));
    reads!(dot_group_comma_decimal, "1.234,5", Comma, Some(1234.5));
    reads!(comma_group_point_decimal, "1,234.5", Point, Some(1234.5));
    reads!(negative, "-14,5", Comma, Some(-14.5));
    reads!(percent, "12,5 %", Comma, Some(12.5));
    reads!(bad_group, "12 34", Comma, None);
    reads!(long_first_group, "12345.678", Comma, None);
    reads!(two_signs, "12,5,3", Comma, None);
    reads!(secret, "s", Comma, None);
    reads!(dash, "-", Comma, None);
    reads!(code_with_letter, "2A004", Comma, None);

    fn decide(cells: &[&str], hint: Option<DecimalSign>) -> Option<DecimalSign> {
        let mut e = SignEvidence::default();
        for c in cells {
            e.add(c);
        }
        e.decide(hint)
    }

    #[test]
    fn column_sign() {
        assert_eq!(decide(&["48,0", "17,5"], None), Some(Comma));
        assert_eq!(decide(&["48.0", "17.5"], None), Some(Point));
        assert_eq!(decide(&["1,234", "12,5"], None), Some(Comma));
        assert_eq!(decide(&["1,234", "12.5"], None), Some(Point));
        assert_eq!(decide(&["1.234", "1.234.567"], None), Some(Comma), "dots group thousands");
        assert_eq!(decide(&["1,234"], Some(Point)), Some(Point), "the file's sign breaks the tie");
        assert_eq!(decide(&["1,234"], None), Some(Comma), "French by default");
        assert_eq!(decide(&["331", "6882"], None), None);
    }
}
