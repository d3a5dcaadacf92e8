fn main() {
    let kb = marsad_extract::KnowledgeBase::bundled().unwrap();
    let text = std::fs::read_to_string("/work/shared/data/anercorp/ANERCorp_train_camelsplit.txt").unwrap();
    for (_, h, _) in marsad_extract::ner::training_set(&text, Some(&kb)) {
        println!("{:?}", h.iter().map(|x| x.kb).collect::<Vec<_>>());
    }
}
