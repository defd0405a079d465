//! Italian codice fiscale of a natural person.
//!
//! Two shapes exist: the ordinary 16-character code (with the *omocodia* substitutions of
//! digits by letters) and the 11-digit temporary code that the Agenzia delle Entrate gives while
//! the ordinary one is being assigned, which many newly arrived people hold. Both carry a check
//! character, which is verified here.

const OMOCODIA: &[u8] = b"LMNPQRSTUV";
const MONTHS: &[u8] = b"ABCDEHLMPRST";
/// Values of characters in odd (1st, 3rd, …) positions; index = digit or letter offset.
const ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Whether `code` is a well-formed codice fiscale (16-character or 11-digit temporary).
pub fn is_fiscal_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    match bytes.len() {
        16 => is_ordinary(bytes),
        11 => is_temporary(bytes),
        _ => false,
    }
}

fn is_ordinary(b: &[u8]) -> bool {
    let letter = |c: u8| c.is_ascii_uppercase();
    let digitish = |c: u8| c.is_ascii_digit() || OMOCODIA.contains(&c);
    let shape = b[..6].iter().all(|&c| letter(c))
        && digitish(b[6])
        && digitish(b[7])
        && MONTHS.contains(&b[8])
        && digitish(b[9])
        && digitish(b[10])
        && letter(b[11])
        && b[12..15].iter().all(|&c| digitish(c))
        && letter(b[15]);
    if !shape {
        return false;
    }
    let value = |c: u8| -> usize {
        if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else {
            usize::from(c - b'A')
        }
    };
    let sum: u32 = b[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i % 2 == 0 {
                ODD[value(c)]
            } else {
                u32::try_from(value(c)).unwrap_or(0)
            }
        })
        .sum();
    // sum % 26 < 26, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation)]
    let check = b'A' + (sum % 26) as u8;
    b[15] == check
}

fn is_temporary(b: &[u8]) -> bool {
    if !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let digits: Vec<u32> = b.iter().map(|&c| u32::from(c - b'0')).collect();
    let odd: u32 = digits[..10].iter().step_by(2).sum();
    let even: u32 = digits[1..10]
        .iter()
        .step_by(2)
        .map(|&d| if d * 2 > 9 { d * 2 - 9 } else { d * 2 })
        .sum();
    (10 - (odd + even) % 10) % 10 == digits[10]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_codes() {
        // The Agenzia delle Entrate's own worked example, a well-known public sample.
        assert!(is_fiscal_code("RSSMRA85T10A562S"));
        // The same with omocodia on the last digit (0 -> L) has its own check character.
        assert!(!is_fiscal_code("RSSMRA85T10A56NS"));
        // 11-digit temporary code with a correct check digit.
        assert!(is_fiscal_code("12345678903"));
    }

    #[test]
    fn rejects_wrong_shape_or_check() {
        for bad in [
            "RSSMRA85T10A562T",
            "rssmra85t10a562s",
            "RSSMRA85Z10A562S",
            "12345678901",
            "",
            "RSSMRA85T10A562",
        ] {
            assert!(!is_fiscal_code(bad), "{bad}");
        }
    }
}
