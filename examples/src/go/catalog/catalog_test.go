package catalog

import (
	"errors"
	"os"
	"testing"
)

func sample(t *testing.T) *Catalog {
	t.Helper()
	c, err := New(
		Product{SKU: "MUG-01", Name: "Enamel mug", Category: "kitchen", PriceCents: 1299},
		Product{SKU: "TEA-02", Name: "Green tea", Category: "food", PriceCents: 650},
		Product{SKU: "POT-03", Name: "Cast iron teapot", Category: "kitchen", PriceCents: 4500},
	)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestLookup(t *testing.T) {
	c := sample(t)
	p, err := c.Lookup("TEA-02")
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if p.Name != "Green tea" || p.PriceCents != 650 {
		t.Errorf("Lookup(TEA-02) = %+v", p)
	}
}

func TestLookupUnknownSKU(t *testing.T) {
	c := sample(t)
	if _, err := c.Lookup("NOPE-99"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Lookup(NOPE-99) error = %v, want ErrNotFound", err)
	}
}

func TestByCategorySortsByName(t *testing.T) {
	c := sample(t)
	got := c.ByCategory("Kitchen")
	if len(got) != 2 {
		t.Fatalf("ByCategory(Kitchen) returned %d products, want 2", len(got))
	}
	if got[0].SKU != "POT-03" || got[1].SKU != "MUG-01" {
		t.Errorf("ByCategory(Kitchen) order = %s, %s; want POT-03, MUG-01", got[0].SKU, got[1].SKU)
	}
}

func TestNewRejectsDuplicates(t *testing.T) {
	_, err := New(Product{SKU: "A", Name: "a"}, Product{SKU: "A", Name: "b"})
	if err == nil {
		t.Fatal("New accepted a duplicate SKU")
	}
}

func TestPostgresStore(t *testing.T) {
	dsn := os.Getenv("POSTGRES_URL")
	if dsn == "" {
		t.Skip("needs POSTGRES_URL: database not available")
	}
	t.Fatalf("postgres-backed catalog store is not wired up yet (dsn %q)", dsn)
}
