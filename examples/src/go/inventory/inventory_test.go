package inventory

import (
	"errors"
	"testing"
)

func TestReserveReducesAvailable(t *testing.T) {
	s := NewStore(map[string]int{"MUG-01": 5})
	r, err := s.Reserve("MUG-01", 2)
	if err != nil {
		t.Fatalf("Reserve: %v", err)
	}
	if got := s.Available("MUG-01"); got != 3 {
		t.Errorf("Available after reserving 2 of 5 = %d, want 3", got)
	}
}

func TestReserveMoreThanAvailable(t *testing.T) {
	s := NewStore(map[string]int{"MUG-01": 1})
	_, err := s.Reserve("MUG-01", 2)
	var short *ErrInsufficientStock
	if !errors.As(err, &short) {
		t.Fatalf("Reserve(2 of 1) error = %v, want ErrInsufficientStock", err)
	}
}

func TestCommitRemovesStock(t *testing.T) {
	s := NewStore(map[string]int{"MUG-01": 5})
	r, _ := s.Reserve("MUG-01", 2)
	if err := s.Commit(r.ID); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	assertStock(t, s, "MUG-01", 3)
}
