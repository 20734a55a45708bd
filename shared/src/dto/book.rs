//! Bodies of `/api/v1/book/{section}` and friends (the complete health book).
