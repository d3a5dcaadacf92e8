fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let ex = marsad_extract::Extractor::bundled().unwrap();
    let doc = ex.analyze(
        &text,
        &marsad_extract::Source {
            published: Some("2026-01-29".into()),
            ..Default::default()
        },
    );
    println!("{}", serde_json::to_string(&doc).unwrap());
}
