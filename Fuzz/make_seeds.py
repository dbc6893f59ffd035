#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz harnesses into Fuzz/corpus/HARNESS/ (deterministic).

Reader seeds (csv, jsonl) start with the control byte of Fuzz/Harnesses/IngestFuzzing.swift:
kind = b & 3 (0 entities, 1 communications, 2 payments, 3 access), small read size =
[1, 2, 3, 4, 7, 16, 64, 1000][(b >> 2) & 7]; the rest is the file. Heads of the files in
Datasets/handmade and hostile cases: BOM, CRLF, lone CR, quotes, NUL, invalid UTF-8, huge
numbers, invisible ids.
"""
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
KINDS = {"entities": 0, "communications": 1, "payments": 2, "access": 3}
CHUNKS = [1, 2, 3, 4, 7, 16, 64, 1000]


def control(kind, chunk):
    return bytes([0x40 | CHUNKS.index(chunk) << 2 | KINDS[kind]])


def head(name, lines):
    with open(os.path.join(ROOT, "Datasets", "handmade", name), "rb") as f:
        return b"".join(f.readlines()[:lines])


def reader_seeds():
    csv = {
        "handmade-entities": control("entities", 7) + head("entities.csv", 12),
        "handmade-communications": control("communications", 16) + head("communications.csv", 12),
        "handmade-payments": control("payments", 3) + head("payments.csv", 12),
        "bom-crlf-payments": control("payments", 1) + b"\xef\xbb\xbffrom,to,amount,timestamp\r\nV1,X1,5,2024-03-05\r\nV2,X1,7.25,1700000000\r\n",
        "lone-cr-access": control("access", 2) + b"employee,action,vendor,resource,timestamp,ticket\rE1,view,V1,,2024-03-05T10:00:00Z,T-1\rE2,edit,,r/9,,\r",
        "quotes": control("entities", 4) + b'id,name,group\n"a","two\nlines","x ""y"" z"\n"b"c,d,e\n"open,x,y\n"c",,\n',
        "nul-and-bad-utf8": control("communications", 64) + b"from,to\na,b\nc,\xc3\x28\nd,\x00e\n",
        "huge-numbers": control("payments", 1000) + b"from,to,amount,count\nV1,X1,1e308,1\nV2,X1,1e15,2147483647\nV3,X1,1e16,2147483648\nV4,X1,-0,0\nV5,X1,1e-400,+3\nV6,X1,\"1,000\",1\nV7,X1,0x10,1\n",
        "invisible-ids": control("communications", 1) + "from,to,channel\n\u00a0,X1,chat\n\u200b\u202e,X1,chat\n X2 ,\u00a0X3,\u2028\n,X4,\nX5\n".encode(),
        "field-counts": control("access", 7) + b"employee,action,vendor\nE1,view\nE1,view,V1,extra\nE2,,V2\nE3,view,\n\n\n",
        "alias-headers": control("payments", 4) + b"Payer, PAYEE ,Value,ts,CCY,n,notes\nV1,X1,10,2024-03-05 10:20:30+02:00,EUR,2,x\n",
    }
    jsonl = {
        "handmade-access": control("access", 64) + head("access.jsonl", 8),
        "escapes": control("communications", 3) + b'{"from":"a\\u00e9\\ud83d\\ude00","to":"b\\n\\"c\\"","channel":"\\/x"}\n{"from":"\\ud800","to":"b"}\n{"from":"a\\u0000","to":"b"}\n',
        "nested-null-duplicate": control("entities", 7) + b'{"id":"E1","kind":"employee","tags":["a",{"b":"}"}],"name":null}\n{"id":"E2","ID":"E3"}\n{"id":"E4","x":1,"x":2}\n',
        "crlf-bom-blank": control("payments", 1) + b'\xef\xbb\xbf{"from":"V1","to":"X1","amount":12.5}\r\n\r\n  \r\n{"from":"V2","to":"X1","amount":"1e15","timestamp":1700000000}\r\n',
        "lone-cr": control("communications", 2) + b'{"from":"X1","to":"E1"}\r{"from":"X1","to":"E2","count":3}\r',
        "broken": control("payments", 16) + b'{"from":"V1","to":"X1","amount":5\n["V1","X1",5]\n{"from":"V1" "to":"X1"}\n{"from":"V1","to":"X1","amount":5} x\n{"from":"V1","to":"X1","amount":-1e999}\n',
        "invisible-and-huge": control("payments", 1000) + '{"from":"\u00a0","to":"X1","amount":1}\n{"from":"V1","to":"\\u200b","amount":1}\n{"from":"V1","to":"X1","amount":1e308}\n{"from":"V1","to":"X1","amount":true}\n'.encode(),
        "nul-binary": control("access", 4) + b'{"employee":"E1","action":"view","vendor":"V1"}\n\x00\n',
    }
    return csv, jsonl


TIMESTAMPS = [
    "2024-03-05", "2024-03-05T10:20:30Z", "2024-03-05 10:20:30.123+02:00", "2024-03-05t10:20,5-0130",
    "2024-03-05T10:20+02", "1700000000", "1700000000.25", "-2208988800", "7258118400", "2024-02-29",
    "1900-02-29", "99999999999999999999", " 2024-03-05T23:59:60Z\t", "2199-12-31T23:59:59.999-23:59",
]
NUMBERS = [
    "1250.50", " 12 ", "1e15", "1e308", "1e400", "-0", "0x10", "1,000", "+5", "2147483648",
    "0000000000002147483647", "nan", "inf", "5e-324", ".5e-3", "1.7976931348623157e308",
]
LINES = [
    "neighbors X007 --type payment --limit 5",
    "sql select * from entities where kind = 'vendor'",
    "events \"a b\" 'c d' e\\ f \"x\\\"y\" 'it\\'",
    "show \"never closed",
    "path\tX007\u00a0E014\u2003--max-steps 3",
    "ring 1 --format json # caf\u0065\u0301 \u05d0\u202e\u200b",
    "''  \"\" \\",
]


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    csv, jsonl = reader_seeds()
    for name, data in csv.items():
        write(os.path.join(CORPUS, "csv"), name, data)
    for name, data in jsonl.items():
        write(os.path.join(CORPUS, "jsonl"), name, data)
    for i, text in enumerate(TIMESTAMPS):
        write(os.path.join(CORPUS, "timestamp"), f"t{i:02}", text.encode())
    for i, text in enumerate(NUMBERS):
        write(os.path.join(CORPUS, "number"), f"n{i:02}", text.encode())
    for i, text in enumerate(LINES):
        write(os.path.join(CORPUS, "tokenizer"), f"line{i:02}", text.encode())


if __name__ == "__main__":
    main()
