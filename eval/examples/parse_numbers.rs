//! Reads one number text per line on stdin, parses each with styrdok's Swedish number parser and prints
//! how many were quantities, not numbers or ambiguous, with the time taken; `scripts/bench-numbers.sh`
//! runs it next to Babel's `parse_decimal` on the same lines. With `--each` it prints every reading instead.

use std::io::Read;
use std::time::Instant;
use styrdok::tables::number::{parse_quantity, Parsed};

fn main() {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("error: cannot read stdin: {e}");
        std::process::exit(2);
    }
    let lines: Vec<&str> = input.lines().collect();
    if std::env::args().any(|a| a == "--each") {
        for line in &lines {
            let reading = match parse_quantity(line) {
                Parsed::Quantity(q) => match (q.value, q.min, q.max) {
                    (Some(v), _, _) => format!("{v}"),
                    (None, Some(a), Some(b)) => format!("{a}..{b}"),
                    _ => "?".into(),
                },
                Parsed::NotNumber => "not a number".into(),
                Parsed::Ambiguous(_) => "ambiguous".into(),
            };
            println!("{line}\t{reading}");
        }
        return;
    }
    let started = Instant::now();
    let (mut quantities, mut not_numbers, mut ambiguous) = (0usize, 0usize, 0usize);
    let mut checksum = 0f64;
    for line in &lines {
        match parse_quantity(line) {
            Parsed::Quantity(q) => {
                quantities += 1;
                checksum += q.value.or(q.min).unwrap_or(0.0);
            }
            Parsed::NotNumber => not_numbers += 1,
            Parsed::Ambiguous(_) => ambiguous += 1,
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "styrdok  {:>8} lines {:>8.1} ms {:>10.0} lines/s  quantities {quantities} not-numbers {not_numbers} ambiguous {ambiguous} checksum {checksum:.1}",
        lines.len(),
        secs * 1000.0,
        lines.len() as f64 / secs.max(1e-9)
    );
}
