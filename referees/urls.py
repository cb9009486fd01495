from django.urls import path

from referees import board_views, views

app_name = "referees"

urlpatterns = [
    path("me/", views.home, name="home"),
    path("referee/", views.referee_home, name="referee_home"),
    path("coach/", views.coach_home, name="coach_home"),
    path("office/sheets/", views.review_queue, name="review_queue"),
    path("office/referees/", board_views.assignment_board, name="assignment_board"),
    path("office/referees/assign/", board_views.assignment_board_assign, name="assignment_board_assign"),
    path("office/referees/unassign/", board_views.assignment_board_remove, name="assignment_board_remove"),
    path("sheets/sw.js", views.service_worker, name="service_worker"),
    path("sheets/<int:match_id>/", views.sheet, name="sheet"),
    path("sheets/<int:match_id>/state/", views.sheet_state, name="sheet_state"),
    path("sheets/<int:match_id>/changes/", views.sheet_change, name="sheet_change"),
    path("sheets/<int:match_id>/approve/", views.sheet_approve, name="sheet_approve"),
    path("sheets/<int:match_id>/reopen/", views.sheet_reopen, name="sheet_reopen"),
]
