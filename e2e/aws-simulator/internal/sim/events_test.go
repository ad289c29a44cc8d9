package sim

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func readEvents(t *testing.T, a *Account) []Event {
	t.Helper()
	f, err := os.Open(filepath.Join(a.Env.StateDir, EventsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Event
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<22)
	for s.Scan() {
		var e Event
		if err := json.Unmarshal(s.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestEventLogOrdersStartsEndsAndRefusalsAndRecordsDistributionOrigins(t *testing.T) {
	a := newAccount(t, "us-east-1")
	vpc, _ := network(t, a)
	a.Delete(Op{Type: tVpc, URN: urn(tVpc, "vpc")}, vpc, nil)
	mustCreate(t, a, tCfFunction, "router", map[string]any{"name": "r", "code": "function handler(e){}"})
	mustCreate(t, a, tDistribution, "cdn", map[string]any{"origins": []any{map[string]any{"originId": "api", "domainName": "api.example"}}})
	mustCreate(t, a, tSubnet, "subnet-a", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.2.0/24"})
	events := readEvents(t, a)
	for i, e := range events {
		if e.Seq != int64(i+1) {
			t.Fatalf("event %d has seq %d", i, e.Seq)
		}
	}
	want := []string{"create start vpc", "create end vpc", "create start subnet-a", "create end subnet-a", "delete start vpc", "delete failed vpc",
		"create start router", "create end router", "create start cdn", "create end cdn", "replace start subnet-a", "replace end subnet-a"}
	if len(events) != len(want) {
		t.Fatalf("events %v", events)
	}
	for i, e := range events {
		got := fmt.Sprintf("%s %s %s", e.Operation, e.Phase, e.URN[len(urn(e.Type, "")):])
		if got != want[i] {
			t.Errorf("event %d = %q, want %q", i, got, want[i])
		}
	}
	if events[7].Detail["code"] != "function handler(e){}" {
		t.Errorf("function code in the log: %v", events[7].Detail)
	}
	if events[9].Detail["domainName"] == nil || events[1].Detail["arn"] == nil {
		t.Errorf("end events carry the addresses AWS gave: %v %v", events[9].Detail, events[1].Detail)
	}
	origins, _ := events[9].Detail["origins"].([]any)
	if len(origins) != 1 || origins[0].(map[string]any)["domainName"] != "api.example" {
		t.Errorf("distribution origins in the log: %v", events[9].Detail)
	}
}

func TestConcurrentPluginsShareOneAccountWithoutLosingWrites(t *testing.T) {
	a := newAccount(t, "us-east-1")
	other := &Account{Store: &Store{dir: a.Store.dir}, Env: a.Env, Region: "us-east-1"}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		acct := a
		if i%2 == 1 {
			acct = other
		}
		go func(i int, acct *Account) {
			defer wg.Done()
			if _, err := acct.Create(Op{Type: tLogGroup, URN: urn(tLogGroup, fmt.Sprint(i))}, map[string]any{"name": fmt.Sprintf("/g/%d", i)}); err != nil {
				t.Error(err)
			}
		}(i, acct)
	}
	wg.Wait()
	a.Store.View(func(st *State) error {
		if len(st.Records) != 20 {
			t.Errorf("records %d", len(st.Records))
		}
		return nil
	})
	if n := len(readEvents(t, a)); n != 40 {
		t.Errorf("events %d", n)
	}
}
