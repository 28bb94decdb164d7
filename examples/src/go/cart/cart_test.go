package cart

import (
	"encoding/json"
	"os"
	"testing"

	"example.com/shop/catalog"
)

// fixtureCart loads testdata/catalog.json and returns an empty cart backed by it.
func fixtureCart(t *testing.T) *Cart {
	t.Helper()
	raw, err := os.ReadFile("testdata/catalog.json")
	if err != nil {
		t.Fatalf("load fixture testdata/catalog.json: %v", err)
	}
	var products []catalog.Product
	if err := json.Unmarshal(raw, &products); err != nil {
		t.Fatalf("load fixture testdata/catalog.json: %v", err)
	}
	c, err := catalog.New(products...)
	if err != nil {
		t.Fatalf("load fixture testdata/catalog.json: %v", err)
	}
	return New(c)
}

func TestEmptyCart(t *testing.T) {
	c := New(&catalog.Catalog{})
	if !c.Empty() || c.Subtotal() != 0 {
		t.Errorf("new cart: Empty() = %v, Subtotal() = %d; want true, 0", c.Empty(), c.Subtotal())
	}
}

func TestAddAccumulatesQuantity(t *testing.T) {
	c := fixtureCart(t)
	if err := c.Add("MUG-01", 2); err != nil {
		t.Fatal(err)
	}
	if err := c.Add("MUG-01", 1); err != nil {
		t.Fatal(err)
	}
	if got := c.Subtotal(); got != 3*1299 {
		t.Errorf("Subtotal() = %d, want %d", got, 3*1299)
	}
}

func TestRemoveDropsEmptyLine(t *testing.T) {
	c := fixtureCart(t)
	if err := c.Add("TEA-02", 1); err != nil {
		t.Fatal(err)
	}
	if err := c.Remove("TEA-02", 1); err != nil {
		t.Fatal(err)
	}
	if !c.Empty() {
		t.Errorf("cart still has %d lines after removing the only item", len(c.Lines()))
	}
}

func TestAddRejectsZeroQuantity(t *testing.T) {
	c := New(&catalog.Catalog{})
	if err := c.Add("MUG-01", 0); err == nil {
		t.Error("Add(MUG-01, 0) succeeded, want an error")
	}
}
