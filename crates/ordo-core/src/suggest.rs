//! "Did you mean": the nearest known name to a misspelt one.

/// The known word nearest to a typo, when it is near enough to be a guess.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3) && strsim::jaro_winkler(word, k) >= 0.75)
        .min()
        .map(|(_, k)| k)
}
