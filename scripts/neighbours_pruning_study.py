#!/usr/bin/env python3
"""How much exact pruning and approximate candidates could save in the top-10 search on a real
corpus (docs/PERFORMANCE.md, "Neighbours on real news", session 7). Not used by any test.

Input: the tokens `tifa tokens --corpus C/corpus.toml > tokens.jsonl` writes (the same analyzer
as `tifa similarity`). Weights: scikit-learn's TfidfVectorizer defaults on those tokens (smooth
idf, l2), as tifa's defaults. Needs the full n x n cosine matrix in memory: 10,000 documents
take about 3 GB.

Prints, for the h most frequent terms set apart as the "head":
- exact pruning: the share of pair products outside the head, and the share of pairs whose
  upper bound (tail dot product + |head_i| |head_j|, Cauchy-Schwarz) still reaches the smaller
  of the two documents' final 10th-best cosine, i.e. the pairs no bound of this kind can skip
  even with perfect thresholds;
- approximate candidates: recall@10 of keeping, per document, the M best by tail dot product
  (a pair kept if either document keeps it), against the exact top 10;
- approximate candidates from each document's T highest-weighted terms (both sides truncated),
  the M best by that partial dot product kept the same way (session 8).

    python3 scripts/neighbours_pruning_study.py tokens.jsonl
"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

K = 10


def main(path):
    docs = [json.loads(line)["tokens"] for line in open(path, encoding="utf-8")]
    x = TfidfVectorizer(analyzer=lambda t: t, lowercase=False).fit_transform(docs).tocsr()
    n = x.shape[0]
    cos = (x @ x.T).toarray()
    np.fill_diagonal(cos, -np.inf)
    exact = np.argsort(-cos, axis=1, kind="stable")[:, :K]
    exact_cos = np.take_along_axis(cos, exact, 1)
    entry = exact_cos[:, K - 1]
    print(f"{n} documents; 10th-best cosine quantiles 1/10/50/90%:",
          np.round(np.quantile(entry, [0.01, 0.1, 0.5, 0.9]), 3))
    df = np.asarray((x > 0).sum(0)).ravel()
    by_df = np.argsort(-df)
    upper = np.triu_indices(n, 1)
    threshold = np.minimum(entry[:, None], entry[None, :])[upper]
    for h in (50, 100, 300):
        head = np.zeros(x.shape[1], bool)
        head[by_df[:h]] = True
        tail = x[:, ~head]
        head_norm = np.sqrt(np.asarray(x[:, head].multiply(x[:, head]).sum(1)).ravel())
        tail_dot = (tail @ tail.T).toarray()
        bound = tail_dot + np.outer(head_norm, head_norm)
        passing = (bound[upper] >= threshold).mean()
        tail_share = (df[~head].astype(float) ** 2).sum() / (df.astype(float) ** 2).sum()
        print(f"head {h}: tail products {tail_share:.3f} of all; pairs the bound cannot skip "
              f"{passing:.4f}")
        np.fill_diagonal(tail_dot, -np.inf)
        for m in (20, 30, 50):
            print_recall(tail_dot, m, exact, exact_cos)
    for t in (20, 40):
        top = truncated(x, t)
        partial = (top @ top.T).toarray()
        np.fill_diagonal(partial, -np.inf)
        print(f"top {t} terms per document:")
        for m in (10, 20, 30):
            print_recall(partial, m, exact, exact_cos)


def print_recall(scores, m, exact, exact_cos):
    """Recall@10 of keeping each document's m best by `scores` (a pair kept if either document
    keeps it) against the exact top 10, and the candidates per document."""
    n = scores.shape[0]
    keep = np.argpartition(-scores, m, axis=1)[:, :m]
    kept = [set(row) for row in keep]
    for i in range(n):
        for j in keep[i]:
            kept[j].add(i)
    found = total = 0
    for i in range(n):
        for j, c in zip(exact[i], exact_cos[i]):
            if c > 0:
                total += 1
                found += j in kept[i]
    mean_kept = sum(len(k) for k in kept) / n
    print(f"  M {m}: recall@10 {found / total:.4f}, candidates per document {mean_kept:.1f}")


def truncated(x, t):
    """Each row of x with only its t largest weights."""
    x = x.tocsr(copy=True)
    for i in range(x.shape[0]):
        a, b = x.indptr[i], x.indptr[i + 1]
        if b - a > t:
            row = x.data[a:b]
            row[np.argsort(-row, kind="stable")[t:]] = 0
    x.eliminate_zeros()
    return x


if __name__ == "__main__":
    main(sys.argv[1])
