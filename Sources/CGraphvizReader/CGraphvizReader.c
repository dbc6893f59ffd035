#include "CGraphvizReader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A graph's names: ids 2, 4, 6, … in order of first mention (named objects get even ids, as in
// cgraph's own discipline), anonymous objects 1, 3, 5, …; `slots` is an open-addressing table
// from a name's hash to its index in `names` + 1 (0 = empty). Expected O(1) per lookup.
typedef struct {
    char **names;
    size_t count, capacity;
    size_t *slots;
    size_t slotCount;  // a power of two, at least twice `capacity`
    IDTYPE nextAnonymous;
} NameTable;

static uint64_t hashName(const char *name) {
    uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        hash ^= *p;
        hash *= 1099511628211ULL;
    }
    return hash;
}

static int growTable(NameTable *table) {
    size_t capacity = table->capacity ? table->capacity * 2 : 64;
    char **names = realloc(table->names, capacity * sizeof(char *));
    if (!names) return 0;
    table->names = names;
    size_t slotCount = capacity * 2;
    size_t *slots = calloc(slotCount, sizeof(size_t));
    if (!slots) return 0;
    for (size_t i = 0; i < table->count; i++) {
        size_t slot = hashName(names[i]) & (slotCount - 1);
        while (slots[slot]) slot = (slot + 1) & (slotCount - 1);
        slots[slot] = i + 1;
    }
    free(table->slots);
    table->slots = slots;
    table->slotCount = slotCount;
    table->capacity = capacity;
    return 1;
}

static void *openTable(Agraph_t *graph, Agdisc_t *discipline) {
    (void)graph;
    (void)discipline;
    NameTable *table = calloc(1, sizeof(NameTable));
    if (table) table->nextAnonymous = 1;
    return table;
}

static long mapName(void *state, int objectType, char *name, IDTYPE *id, int create) {
    (void)objectType;
    NameTable *table = state;
    if (!name) {
        *id = table->nextAnonymous;
        table->nextAnonymous += 2;
        return 1;
    }
    uint64_t hash = hashName(name);
    if (table->slotCount) {
        for (size_t slot = hash & (table->slotCount - 1); table->slots[slot];
             slot = (slot + 1) & (table->slotCount - 1)) {
            size_t index = table->slots[slot] - 1;
            if (strcmp(table->names[index], name) == 0) {
                *id = (IDTYPE)(2 * (index + 1));
                return 1;
            }
        }
    }
    if (!create) return 0;
    if (table->count == table->capacity && !growTable(table)) return 0;
    char *copy = strdup(name);
    if (!copy) return 0;
    size_t index = table->count++;
    table->names[index] = copy;
    size_t slot = hash & (table->slotCount - 1);
    while (table->slots[slot]) slot = (slot + 1) & (table->slotCount - 1);
    table->slots[slot] = index + 1;
    *id = (IDTYPE)(2 * (index + 1));
    return 1;
}

static long allocateId(void *state, int objectType, IDTYPE id) {
    (void)state;
    (void)objectType;
    (void)id;
    return 0;  // no caller-chosen ids
}

static void freeId(void *state, int objectType, IDTYPE id) {
    (void)state;
    (void)objectType;
    (void)id;  // names live as long as the graph
}

static char *printId(void *state, int objectType, IDTYPE id) {
    (void)objectType;
    NameTable *table = state;
    if (id % 2 == 1 || id == 0 || id / 2 > table->count) return NULL;
    return table->names[id / 2 - 1];
}

static void closeTable(void *state) {
    NameTable *table = state;
    for (size_t i = 0; i < table->count; i++) free(table->names[i]);
    free(table->names);
    free(table->slots);
    free(table);
}

static void registerObject(void *state, int objectType, void *object) {
    (void)state;
    (void)objectType;
    (void)object;
}

static Agiddisc_t sequentialIds = {openTable, mapName, allocateId, freeId, printId, closeTable, registerObject};

typedef struct {
    const char *text;
    size_t length, position;
} TextReader;

// Hands cgraph's parser the text a line at a time, as `agmemread` does.
static int readText(void *channel, char *buffer, int size) {
    TextReader *reader = channel;
    if (size <= 0 || reader->position >= reader->length) return 0;
    int count = 0;
    while (count < size && reader->position < reader->length) {
        char c = reader->text[reader->position++];
        buffer[count++] = c;
        if (c == '\n') break;
    }
    return count;
}

// The graph keeps a pointer to its disciplines, so they must outlive the call; the reading one
// is swapped for cgraph's own afterwards, as `agmemread` does. Callers serialise (Graphviz keeps
// global state), so the static is never written concurrently.
static Agiodisc_t textInput = {readText, NULL, NULL};

Agraph_t *ringfind_read_dot(const char *text) {
    textInput.putstr = AgIoDisc.putstr;
    textInput.flush = AgIoDisc.flush;
    Agdisc_t discipline = {&AgMemDisc, &sequentialIds, &textInput};
    TextReader reader = {text, strlen(text), 0};
    Agraph_t *graph = agread(&reader, &discipline);
    if (graph) graph->clos->disc.io = &AgIoDisc;
    return graph;
}
