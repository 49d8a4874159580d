//! Developer tool, for `dedup`'s evaluation. Recall and precision of near-duplicate pairs against the exact Jaccard
//! similarity, for `newsdiff dedup` and its peers (`benches/peers/run.sh` calls it).
//!
//! ```sh
//! cargo run --release --example dedup_eval -- CORPUS.jsonl THRESHOLD newsdiff=dups.json rensa=pairs.csv ...
//! ```
//!
//! The truth is every pair whose exact Jaccard similarity of 5-word shingles of the normalized text (the
//! `newsdiff::dedup::shingles` definition) is at least THRESHOLD, among the pairs of each planted
//! group of the generated corpus (its `group` field) and every pair any tool reported. A `.json` result is
//! `newsdiff dedup --json` output: an exact duplicate is reported with the first copy only, so its other pairs
//! (same shingles, same similarities) are counted as found too. A `.csv` result has one `a,b` id pair per line.
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

use newsdiff::dedup::{Shingler, jaccard};

type Pairs = HashSet<(u32, u32)>;

fn ordered(a: u32, b: u32) -> (u32, u32) {
    if a < b { (a, b) } else { (b, a) }
}

fn read_newsdiff(path: &str, index: &HashMap<String, u32>) -> Result<Pairs, Box<dyn std::error::Error>> {
    let v: serde_json::Value = serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(path)?))?;
    let id = |x: &serde_json::Value| index.get(x.as_str().unwrap_or_default()).copied();
    let mut copies: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut near = Vec::new();
    for p in v["pairs"].as_array().ok_or("no pairs")? {
        let (Some(a), Some(b)) = (id(&p["a"]), id(&p["b"])) else { continue };
        if p["exact"].as_bool() == Some(true) {
            copies.entry(a).or_insert_with(|| vec![a]).push(b);
        } else {
            near.push((a, b));
        }
    }
    let members = |x: u32| copies.get(&x).cloned().unwrap_or_else(|| vec![x]);
    let mut pairs = Pairs::new();
    for group in copies.values() {
        for (i, &x) in group.iter().enumerate() {
            for &y in &group[i + 1..] {
                pairs.insert(ordered(x, y));
            }
        }
    }
    for (a, b) in near {
        for x in members(a) {
            for y in members(b) {
                pairs.insert(ordered(x, y));
            }
        }
    }
    Ok(pairs)
}

fn read_csv(path: &str, index: &HashMap<String, u32>) -> Result<Pairs, Box<dyn std::error::Error>> {
    let mut pairs = Pairs::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        let Some((a, b)) = line.split_once(',') else { continue };
        if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
            pairs.insert(ordered(a, b));
        }
    }
    Ok(pairs)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: dedup_eval CORPUS.jsonl THRESHOLD NAME=RESULT...".into());
    }
    let threshold: f64 = args[1].parse()?;
    let shingler = Shingler::new();
    let mut index = HashMap::new();
    let mut sets: Vec<Vec<u64>> = Vec::new();
    let mut groups: HashMap<u64, Vec<u32>> = HashMap::new();
    for line in std::io::BufReader::new(std::fs::File::open(&args[0])?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let i = sets.len() as u32;
        index.insert(v["id"].as_str().unwrap_or_default().to_string(), i);
        sets.push(shingler.shingles_of(v["text"].as_str().unwrap_or_default(), 5));
        if let Some(g) = v["group"].as_u64() {
            groups.entry(g).or_default().push(i);
        }
    }
    let mut results = Vec::new();
    for arg in &args[2..] {
        let (name, path) = arg.split_once('=').ok_or("results are NAME=PATH")?;
        let pairs = if path.ends_with(".json") { read_newsdiff(path, &index)? } else { read_csv(path, &index)? };
        results.push((name.to_string(), pairs));
    }
    let mut considered: Pairs = results.iter().flat_map(|(_, p)| p.iter().copied()).collect();
    for members in groups.values() {
        for (i, &x) in members.iter().enumerate() {
            for &y in &members[i + 1..] {
                considered.insert(ordered(x, y));
            }
        }
    }
    let truth: Pairs = considered
        .into_iter()
        .filter(|&(a, b)| {
            let (x, y) = (&sets[a as usize], &sets[b as usize]);
            !x.is_empty() && jaccard(x, y) >= threshold
        })
        .collect();
    println!("truth: {} pairs with exact Jaccard >= {threshold}", truth.len());
    for (name, pairs) in &results {
        let hit = pairs.iter().filter(|p| truth.contains(p)).count();
        let recall = hit as f64 / truth.len().max(1) as f64;
        let precision = if pairs.is_empty() { 1.0 } else { hit as f64 / pairs.len() as f64 };
        println!("{name}: {} pairs, recall {recall:.4}, precision {precision:.4}", pairs.len());
    }
    Ok(())
}
