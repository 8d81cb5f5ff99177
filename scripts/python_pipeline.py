"""The Python pipeline a political scientist writes instead of `tifa similarity --top-k 10`.

Not needed by any test; docs/PERFORMANCE.md times it side by side with tifa.

Usage:
    pip install jieba scikit-learn
    python3 scripts/python_pipeline.py CORPUS.jsonl [--top-k 10] [--out edges.csv]

Reads the JSON Lines corpus (fields id and text), cuts every text with `jieba.lcut` (HMM on, as
tifa's default), keeps the tokens that contain a Han character and are not in
data/stopwords.txt, builds scikit-learn's TfidfVectorizer on those token lists
(analyzer=identity, lowercase=False; smooth idf, raw tf, l2 norm: tifa's defaults), then finds
each document's exact top-k neighbours (cosine > 0, best first, ties by lower row) with sparse
products X[block] · Xᵀ in blocks of 256 rows, on one thread. Prints the time of each stage on
stderr and, with --out, writes source,target,cosine as tifa does.

What differs from tifa (so the two compute comparable, not identical, things):
- tifa normalizes the text first (traditional → simplified via OpenCC, width folding,
  doubled punctuation, site furniture; docs/METHODS.md); this script cuts the raw text.
- tifa's jieba is jieba-rs with data/userdict.txt and the bundled lexicon's formulations added
  as words; this script adds data/userdict.txt only (jieba.load_userdict), so a few
  formulations split differently.
- jieba (Python) and jieba-rs share the dictionary and algorithm but not every tie-break of the
  HMM; segmentations agree on almost every token, not all.
Both use the same stopword list, the same Han-token filter and the same TF-IDF definition.
"""
import argparse
import json
import os
import re
import sys
import time

import numpy as np

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def word_list(path):
    """Words of a tifa list file: one per line, # comments and blank lines skipped."""
    with open(path, encoding="utf-8") as f:
        lines = (line.strip() for line in f)
        return [line.split()[0] for line in lines if line and not line.startswith("#")]


def identity(tokens):
    return tokens


def stage(name, start):
    print(f"{name:<10} {time.perf_counter() - start:8.2f} s", file=sys.stderr, flush=True)
    return time.perf_counter()


def top_k(x, k, block):
    """Exact top-k of every row of X·Xᵀ (X rows l2-normalized), computed block by block."""
    xt = x.T.tocsr()
    edges = []
    for b0 in range(0, x.shape[0], block):
        prod = (x[b0:b0 + block] @ xt).toarray()
        for r in range(prod.shape[0]):
            i = b0 + r
            row = prod[r]
            row[i] = 0.0
            nz = np.flatnonzero(row > 0.0)
            if nz.size > k:
                # lexsort: last key first; best cosine, then lower target.
                order = np.lexsort((nz, -row[nz]))[:k]
                nz = nz[order]
            else:
                nz = nz[np.lexsort((nz, -row[nz]))]
            edges.extend((i, int(j), float(row[j])) for j in nz)
    return edges


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("corpus")
    p.add_argument("--top-k", type=int, default=10)
    p.add_argument("--block", type=int, default=256)
    p.add_argument("--out")
    a = p.parse_args()

    t = time.perf_counter()
    total = t
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba.load_userdict(os.path.join(DATA, "userdict.txt"))
    stop = set(word_list(os.path.join(DATA, "stopwords.txt")))
    t = stage("setup", t)

    ids, texts = [], []
    with open(a.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                ids.append(str(d["id"]))
                texts.append(d["text"])
    t = stage("read", t)

    tokens = [[w for w in jieba.lcut(s) if HAN.search(w) and w not in stop] for s in texts]
    t = stage("tokenize", t)

    x = TfidfVectorizer(analyzer=identity, lowercase=False).fit_transform(tokens).tocsr()
    t = stage("tfidf", t)

    edges = top_k(x, a.top_k, a.block)
    t = stage("top-k", t)

    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write("source,target,cosine\n")
            for i, j, c in edges:
                f.write(f"{ids[i]},{ids[j]},{c:.6f}\n")
        t = stage("write", t)
    print(f"{'total':<10} {time.perf_counter() - total:8.2f} s  "
          f"({len(ids)} documents, {x.shape[1]} terms, {len(edges)} edges)", file=sys.stderr)


if __name__ == "__main__":
    main()
