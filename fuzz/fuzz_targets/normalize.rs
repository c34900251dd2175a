//! The normalizer, every preset (and each with a few more rules), chosen by the first byte.
//!
//! Invariants: no panic; the offsets path gives the same text as the plain one; appending to a
//! buffer that already holds a row gives that row plus the same text; the alignment has one
//! segment run per output character, covering the output exactly, and every source span is
//! non-empty and inside the input; the presets are idempotent (their tests promise it for
//! every preset).
#![no_main]

use std::sync::OnceLock;

use khabar::normalize::Normalizer;
use libfuzzer_sys::fuzz_target;

fn normalizers() -> &'static [(String, usize, Normalizer)] {
    static ALL: OnceLock<Vec<(String, usize, Normalizer)>> = OnceLock::new();
    ALL.get_or_init(khabar_fuzz::normalizers)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let all = normalizers();
    let (name, extra, n) = &all[usize::from(pick) % all.len()];

    let plain = n.normalize(text);
    let (out, align) = n.normalize_with_offsets(text);
    assert_eq!(plain, out, "{name}: offsets path differs on {text:?}");

    let mut buf = b"row before ".to_vec();
    n.normalize_into(text, &mut buf);
    assert_eq!(&buf[11..], out.as_bytes(), "{name}: a row before changed the output of {text:?}");

    let out_len = out.chars().count();
    let src_len = text.chars().count();
    assert_eq!(align.len(), out_len, "{name}: alignment length on {text:?}");
    let mut at = 0;
    for s in align.segments() {
        assert_eq!(s.out_start, at, "{name}: segments leave a gap or overlap on {text:?}");
        assert!(s.out_len > 0, "{name}: an empty segment on {text:?}");
        assert!(s.src_start + s.src_len <= src_len, "{name}: source span past the input on {text:?}");
        at += s.out_len;
    }
    assert_eq!(at, out_len, "{name}: segments do not cover the output of {text:?}");
    for i in 0..out_len {
        let (a, b) = align.source_of(i).expect("every output character has a source");
        assert!(a < b && b <= src_len, "{name}: character {i} from {a}..{b} of {text:?}");
    }

    if *extra == 0 {
        let twice = n.normalize(&out);
        assert_eq!(twice, out, "{name}: not idempotent on {text:?}");
    }
});
