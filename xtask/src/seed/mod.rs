//! placeholder: implemented by the seeder work.
