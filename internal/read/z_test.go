package read
import ("testing";"strings";"time";"fmt")
func TestScale(t *testing.T){
	for _, n := range []int{500, 2000, 8000} {
		var sb strings.Builder
		sb.WriteString("<html><body>")
		for i := range n {
			sb.WriteString("<p>The harbour master&rsquo;s <i>letter</i> to the board")
			if i%10 == 0 { sb.WriteString(`<sup><a href="#fn1">1</a></sup>`) }
			sb.WriteString(" &amp; its <b>answer</b>.</p>\n")
		}
		sb.WriteString(`<div class="footnotes"><p id="fn1">1. A note.</p></div></body></html>`)
		data := []byte(sb.String())
		st := time.Now()
		for range 3 { Read("b.html", data, Options{}) }
		fmt.Println(n, len(data), time.Since(st)/3)
	}
}
