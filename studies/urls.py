from studies.views import assignments, fragments, quizzes

app_name = "studies"
urlpatterns = [*assignments.urls, *quizzes.urls, *fragments.urls]
