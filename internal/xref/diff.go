package xref

import "slices"

// OpKind is the kind of one step of a word diff.
type OpKind string

// The steps of a word diff.
const (
	Equal      OpKind = "equal"
	Insert     OpKind = "insert"     // words only in B
	Delete     OpKind = "delete"     // words only in A
	Substitute OpKind = "substitute" // words of A replaced by words of B
	Move       OpKind = "move"       // words deleted in one place and inserted in another
)

// Op is one step of a word-level diff of A against B.
type Op struct {
	Kind OpKind   `json:"op"`
	A    []string `json:"a,omitempty"`
	B    []string `json:"b,omitempty"`
}

// maxDiffCells bounds the dynamic-programming table; longer pairs are
// diffed as one substitution around their common prefix and suffix.
const maxDiffCells = 4 << 20

// Diff returns the word-level diff of a against b: runs of equal words and,
// between them, deletions, insertions, or substitutions where both sides
// changed.
func Diff(a, b []string) []Op {
	// Common prefix and suffix first: most reuse is mostly equal.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var ops []Op
	if p > 0 {
		ops = append(ops, Op{Kind: Equal, A: a[:p], B: b[:p]})
	}
	ops = append(ops, diffMiddle(a[p:len(a)-s], b[p:len(b)-s])...)
	if s > 0 {
		ops = append(ops, Op{Kind: Equal, A: a[len(a)-s:], B: b[len(b)-s:]})
	}
	return moves(merge(ops))
}

// moves marks a deletion and an insertion of the same words as a move.
func moves(ops []Op) []Op {
	for i := range ops {
		if ops[i].Kind != Delete {
			continue
		}
		for j := range ops {
			if ops[j].Kind == Insert && slices.Equal(ops[i].A, ops[j].B) {
				ops[i].Kind, ops[j].Kind = Move, Move
				break
			}
		}
	}
	return ops
}

func diffMiddle(a, b []string) []Op {
	switch {
	case len(a) == 0 && len(b) == 0:
		return nil
	case len(a) == 0:
		return []Op{{Kind: Insert, B: b}}
	case len(b) == 0:
		return []Op{{Kind: Delete, A: a}}
	case (len(a)+1)*(len(b)+1) > maxDiffCells:
		return []Op{{Kind: Substitute, A: a, B: b}}
	}
	// LCS table, then walk back.
	w := len(b) + 1
	t := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	var ops []Op
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, Op{Kind: Equal, A: a[i : i+1], B: b[j : j+1]})
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || t[i*w+j+1] >= t[(i+1)*w+j]):
			ops = append(ops, Op{Kind: Insert, B: b[j : j+1]})
			j++
		default:
			ops = append(ops, Op{Kind: Delete, A: a[i : i+1]})
			i++
		}
	}
	return ops
}

// merge joins adjacent steps of one kind and turns a deletion next to an
// insertion into a substitution.
func merge(ops []Op) []Op {
	var out []Op
	for _, op := range ops {
		if n := len(out); n > 0 {
			last := &out[n-1]
			switch {
			case last.Kind == op.Kind:
				last.A = append(last.A[:len(last.A):len(last.A)], op.A...)
				last.B = append(last.B[:len(last.B):len(last.B)], op.B...)
				continue
			case (last.Kind == Delete && op.Kind == Insert) || (last.Kind == Insert && op.Kind == Delete) ||
				(last.Kind == Substitute && (op.Kind == Insert || op.Kind == Delete)):
				last.Kind = Substitute
				last.A = append(last.A[:len(last.A):len(last.A)], op.A...)
				last.B = append(last.B[:len(last.B):len(last.B)], op.B...)
				continue
			}
		}
		out = append(out, op)
	}
	return out
}
