// Package inventory tracks stock levels and reservations per SKU.
package inventory

import (
	"fmt"
	"sync"
)

// ErrInsufficientStock is returned when a reservation exceeds what is available.
type ErrInsufficientStock struct {
	SKU       string
	Requested int
	Available int
}

func (e *ErrInsufficientStock) Error() string {
	return fmt.Sprintf("inventory: %s: requested %d, only %d available", e.SKU, e.Requested, e.Available)
}

// Reservation holds stock for an order until it is committed or released.
type Reservation struct {
	ID  int
	SKU string
	Qty int
}

// Store is a thread-safe in-memory stock store.
type Store struct {
	mu       sync.Mutex
	onHand   map[string]int
	reserved map[int]Reservation
	nextID   int
}

// NewStore starts a store with the given stock levels.
func NewStore(stock map[string]int) *Store {
	s := &Store{onHand: make(map[string]int, len(stock)), reserved: make(map[int]Reservation)}
	for sku, qty := range stock {
		s.onHand[sku] = qty
	}
	return s
}

// Available is the stock on hand minus what is reserved.
func (s *Store) Available(sku string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.availableLocked(sku)
}

func (s *Store) availableLocked(sku string) int {
	n := s.onHand[sku]
	for _, r := range s.reserved {
		if r.SKU == sku {
			n -= r.Qty
		}
	}
	return n
}

// Reserve holds qty units of a SKU.
func (s *Store) Reserve(sku string, qty int) (Reservation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if qty <= 0 {
		return Reservation{}, fmt.Errorf("inventory: invalid quantity %d", qty)
	}
	if avail := s.availableLocked(sku); qty > avail {
		return Reservation{}, &ErrInsufficientStock{SKU: sku, Requested: qty, Available: avail}
	}
	s.nextID++
	r := Reservation{ID: s.nextID, SKU: sku, Qty: qty}
	s.reserved[r.ID] = r
	return r, nil
}

// Release cancels a reservation.
func (s *Store) Release(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.reserved, id)
}

// Commit turns a reservation into a sale: the stock leaves the warehouse.
func (s *Store) Commit(id int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.reserved[id]
	if !ok {
		return fmt.Errorf("inventory: no reservation %d", id)
	}
	delete(s.reserved, id)
	s.onHand[r.SKU] -= r.Qty
	return nil
}
