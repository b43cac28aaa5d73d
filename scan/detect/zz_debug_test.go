package detect
import ("testing";"fmt";"os";"github.com/breachkit/breachkit/scan")
func TestZZDebug(t *testing.T){
 txt := os.Getenv("DBG")
 e := New(Config{})
 e.Detect(&scan.Segment{Text: []byte(txt), Field: os.Getenv("DBGF")}, func(m scan.Match){ fmt.Printf("%s %d %d %q %.2f %v\n", m.Type, m.Start, m.End, m.Value, m.Confidence, m.Reasons) })
}
