use super::identity::RACY_MARGIN_NS;
use super::*;
use std::path::PathBuf;

/// The one order file the tests cache an entry for (its place: 0).
fn x_file() -> [OrderFile; 1] {
    [OrderFile {
        rel: PathBuf::from("orders/2026/X.yaml"),
        stem: "X".into(),
        year: Some("2026".into()),
    }]
}

fn entry(identity: Identity, window: Window) -> Entry {
    Entry {
        identity,
        read_ns: identity.modified_ns + 10 * RACY_MARGIN_NS,
        findings: vec![
            Finding::error(ordo_core::finding::Code::Role, "orders/2026/X.yaml", "m")
                .at(ordo_core::yaml::Route::keys(&["steps", "A", "by"])),
        ],
        window,
        exposure: Some(std::sync::Arc::new(Exposure {
            rel: PathBuf::from("orders/2026/X.yaml"),
            id: "X".into(),
            customer: "C".into(),
            received: "2026-05-06T10:00".parse().expect("moment"),
            currency: Some("USD".into()),
            outstanding: rust_decimal::Decimal::new(12345, 2),
            total: rust_decimal::Decimal::new(22345, 2),
            payments: vec![("2026-05-07".parse().expect("moment"), "100.00".into())],
            reviewed: Some("2026-05-06T11:00".parse().expect("moment")),
            approved: false,
            gated: true,
            unapproved_steps: vec![(
                "production-instruction".into(),
                "2026-05-08".parse().expect("moment"),
            )],
        })),
        references: vec![(
            "documents/X/artwork.pdf".into(),
            Finding::error(
                ordo_core::finding::Code::Document,
                "orders/2026/X.yaml",
                "m",
            ),
        )],
        key: Some(Box::new(ordo_core::checks::identity::OrderKey {
            uid: Some("0123456789abcdefghjkmnpqrs".into()),
            former_ids: vec!["W".into()],
            customer: "C".into(),
            received: "2026-05-06T10:00".into(),
        })),
    }
}

#[test]
fn round_trips_and_refuses_stale_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity {
        len: 10,
        modified_ns: 5,
        inode: 7,
        changed_ns: 5,
        blob: None,
    };
    let mut entries = HashMap::new();
    entries.insert(
        "orders/2026/X.yaml".to_owned(),
        entry(
            id,
            Window {
                since: Some(1_000),
                until: Some(5_000),
            },
        ),
    );
    Cache::save(dir.path(), 42, entries.iter().map(|(k, v)| (k.as_str(), v))).expect("saved");
    let cache: Cache<Entry> = Cache::load(dir.path(), 42, &x_file());
    let hit = cache.get(0, id, 3_000).expect("a fresh entry");
    assert_eq!(hit.findings.len(), 1);
    assert_eq!(
        hit.exposure.as_ref().map(|e| e.outstanding.to_string()),
        Some("123.45".into())
    );
    // Another size or time: re-read.
    assert!(cache.get(0, Identity { len: 11, ..id }, 3_000).is_none());
    assert!(
        cache
            .get(
                0,
                Identity {
                    modified_ns: 6,
                    ..id
                },
                3_000
            )
            .is_none()
    );
    assert!(cache.get(0, Identity { inode: 8, ..id }, 3_000).is_none());
    // "Now" before the order's last passed date, or at its next one: the
    // `future` check could answer differently.
    assert!(cache.get(0, id, 500).is_none());
    assert!(cache.get(0, id, 4_999).is_some());
    assert!(cache.get(0, id, 5_000).is_none());
    // Another configuration: the whole cache is ignored.
    assert!(
        Cache::<Entry>::load(dir.path(), 43, &x_file())
            .get(0, id, 3_000)
            .is_none()
    );
    // A corrupt cache is ignored, never trusted.
    std::fs::write(dir.path().join(Entry::FILE), b"\x01\x02garbage").expect("write");
    assert!(
        Cache::<Entry>::load(dir.path(), 42, &x_file())
            .get(0, id, 3_000)
            .is_none()
    );
}

#[test]
fn an_entry_of_a_file_changed_in_the_tick_it_was_read_is_read_again() {
    // A filesystem with one-second stamps: the file was written at 10 s.
    let id = Identity {
        len: 10,
        modified_ns: 10_000_000_000,
        inode: 7,
        changed_ns: 10_000_000_000,
        blob: None,
    };
    let racy = Entry {
        read_ns: 10_400_000_000,
        ..entry(id, Window::default())
    };
    let settled = Entry {
        read_ns: 15_000_000_000,
        ..entry(id, Window::default())
    };
    let dir = tempfile::tempdir().expect("tempdir");
    for (entry, trusted) in [(racy, false), (settled, true)] {
        Cache::save(dir.path(), 1, [("orders/2026/X.yaml", &entry)]).expect("saved");
        let cache: Cache<Entry> = Cache::load(dir.path(), 1, &x_file());
        // The same stamps: an edit in the same second as the read hides in them.
        assert_eq!(cache.get(0, id, 0).is_some(), trusted, "{entry:?}");
    }
}

#[test]
fn a_cache_with_any_byte_changed_is_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = Identity {
        len: 10,
        modified_ns: 5,
        inode: 7,
        changed_ns: 5,
        blob: None,
    };
    let kept = entry(id, Window::default());
    Cache::save(dir.path(), 9, [("orders/2026/X.yaml", &kept)]).expect("saved");
    let path = dir.path().join(Entry::FILE);
    let good = std::fs::read(&path).expect("read");
    assert!(
        Cache::<Entry>::load(dir.path(), 9, &x_file())
            .get(0, id, 0)
            .is_some()
    );
    for at in 0..good.len() {
        for bit in [0x01, 0x80] {
            let mut bad = good.clone();
            bad[at] ^= bit;
            std::fs::write(&path, &bad).expect("write");
            let cache: Cache<Entry> = Cache::load(dir.path(), 9, &x_file());
            assert!(
                cache.stored() == 0 && cache.entry(0).is_none(),
                "byte {at} changed, and the cache was trusted"
            );
        }
    }
}

#[test]
#[cfg(unix)]
fn a_linked_state_folder_is_never_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), dir.path().join(".ordo")).expect("link");
    let kept = entry(
        Identity {
            len: 1,
            modified_ns: 1,
            inode: 1,
            changed_ns: 1,
            blob: None,
        },
        Window::default(),
    );
    let error = Cache::save(dir.path(), 1, [("x", &kept)]).expect_err("refused");
    assert!(error.to_string().contains(".ordo is a link"), "{error}");
    assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 0);
}

#[test]
fn identities_agree_with_one_file_at_a_time_and_skip_anything_but_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("orders/2026");
    std::fs::create_dir_all(folder.join("D.yaml")).expect("mkdir");
    std::fs::write(folder.join("A.yaml"), "id: A\n").expect("write");
    let file = |stem: &str| OrderFile {
        rel: PathBuf::from(format!("orders/2026/{stem}.yaml")),
        stem: stem.to_owned(),
        year: Some("2026".to_owned()),
    };
    #[cfg(unix)]
    std::os::unix::fs::symlink(folder.join("A.yaml"), folder.join("L.yaml")).expect("link");
    let files = [file("A"), file("D"), file("L"), file("Missing")];
    let found = identities(dir.path(), &files);
    assert_eq!(found[0], Identity::of(&folder.join("A.yaml")));
    assert!(found[0].is_some_and(|i| i.len == 6));
    assert_eq!(&found[1..], &[None, None, None]);
}

#[test]
fn a_blob_id_vouches_for_a_version_whatever_its_stamps() {
    let here = Identity {
        len: 10,
        modified_ns: 5,
        inode: 7,
        changed_ns: 5,
        blob: Some([1; 32]),
    };
    // Another clone: every stamp differs, the blob is the same.
    let there = Identity {
        len: 10,
        modified_ns: 99_000_000_000,
        inode: 42,
        changed_ns: 99_000_000_000,
        blob: Some([1; 32]),
    };
    assert!(here.same_version(&there, 0));
    // Another blob: another version, even with the same stamps.
    assert!(!here.same_version(
        &Identity {
            blob: Some([2; 32]),
            ..here
        },
        i64::MAX
    ));
    // Without a blob on either side the stamps decide, racy ones refused.
    let plain = Identity { blob: None, ..here };
    assert!(plain.same_version(&here, 10_000_000_000));
    assert!(!plain.same_version(&there, 10_000_000_000));
    assert!(!plain.same_version(&here, 6));
}

#[test]
fn a_file_dated_past_what_the_stamps_hold_is_always_read_again() {
    // Nanoseconds in 64 bits end in 2262: a file touched to 2300 is held at
    // the end, and counts as just changed, never as cached and unchanged.
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("X.yaml");
    std::fs::write(&path, "id: X\n").expect("write");
    let year_2300 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(10_413_792_000);
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_modified(year_2300).expect("set the time");
    let identity = Identity::of(&path).expect("an identity");
    assert_eq!(identity.modified_ns, i64::MAX);
    assert!(identity.racy(clock_ns()));
    let stored = Identity {
        blob: None,
        ..identity
    };
    assert!(!identity.same_version(&stored, clock_ns()));
}

#[test]
fn each_stored_entry_lands_on_its_own_file_whatever_files_came_or_went() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = |stem: &str| OrderFile {
        rel: PathBuf::from(format!("orders/2026/{stem}.yaml")),
        stem: stem.to_owned(),
        year: Some("2026".to_owned()),
    };
    let kept = |len| {
        entry(
            Identity {
                len,
                modified_ns: 5,
                inode: 7,
                changed_ns: 5,
                blob: None,
            },
            Window::default(),
        )
    };
    let (a, c) = (kept(1), kept(3));
    Cache::save(
        dir.path(),
        4,
        [("orders/2026/A.yaml", &a), ("orders/2026/C.yaml", &c)],
    )
    .expect("saved");
    // B came between them: C's entry moves to the third place.
    let cache: Cache<Entry> = Cache::load(dir.path(), 4, &[file("A"), file("B"), file("C")]);
    assert_eq!(cache.entry(0).map(|e| e.identity.len), Some(1));
    assert!(cache.entry(1).is_none());
    assert_eq!(cache.entry(2).map(|e| e.identity.len), Some(3));
    assert_eq!(cache.stored(), 2);
    // A went: C's entry is the first, and the cache still counts A's.
    let cache: Cache<Entry> = Cache::load(dir.path(), 4, &[file("C")]);
    assert_eq!(cache.entry(0).map(|e| e.identity.len), Some(3));
    assert!(cache.entry(1).is_none());
    assert_eq!(cache.stored(), 2);
}
