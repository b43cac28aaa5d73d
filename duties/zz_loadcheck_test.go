package duties

import "testing"

func TestZZLoadCheck(t *testing.T) {
	_, err := Load()
	if err != nil {
		t.Log(err)
	}
}
