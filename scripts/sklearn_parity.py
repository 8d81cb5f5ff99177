"""Reference values for tifa's TF-IDF from scikit-learn (not needed to run the tests).

Usage:
    tifa tokens > tests/fixtures/seed_tokens.jsonl
    python3 scripts/sklearn_parity.py tests/fixtures/seed_tokens.jsonl tests/fixtures/sklearn_parity.json

Reads one {"id", "tokens"} object per line, runs TfidfVectorizer on the token lists as they are
(analyzer=identity, lowercase=False) for smooth_idf × sublinear_tf, norm="l2", and writes the
vocabulary, idf and the non-zero matrix entries of each combination. tests/it/tfidf_parity.rs
compares tifa's values with these to 1e-9.
"""
import json
import sys

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer


def identity(tokens):
    return tokens


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    tokens = [d["tokens"] for d in docs]
    out = {"sklearn_version": sklearn.__version__, "ids": [d["id"] for d in docs], "runs": []}
    for smooth in (True, False):
        for sublinear in (False, True):
            v = TfidfVectorizer(analyzer=identity, lowercase=False, smooth_idf=smooth,
                                sublinear_tf=sublinear, norm="l2")
            m = v.fit_transform(tokens).tocoo()
            entries = sorted(zip(m.row.tolist(), m.col.tolist(), m.data.tolist()))
            out["runs"].append({
                "idf": "smooth" if smooth else "plain",
                "sublinear_tf": sublinear,
                "vocabulary": v.get_feature_names_out().tolist(),
                "idf_values": v.idf_.tolist(),
                "entries": entries,
            })
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
