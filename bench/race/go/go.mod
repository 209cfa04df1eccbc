module go4j.dev/bench/race

go 1.19
